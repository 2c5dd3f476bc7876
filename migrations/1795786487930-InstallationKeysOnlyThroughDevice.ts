import { MigrationInterface, QueryRunner } from "typeorm";

export class InstallationKeysOnlyThroughDevice1795786487930 implements MigrationInterface {
    name = 'InstallationKeysOnlyThroughDevice1795786487930'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "installation" DROP CONSTRAINT "FK_efd07a90162054ba095b900cbed"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."installation_tenant_device_idx"
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "installation_tenant_device_idx" ON "installation" USING btree ("tenant_id", "device_id", "id")
        `);
        await queryRunner.query(`
            ALTER TABLE "installation"
            ADD CONSTRAINT "FK_efd07a90162054ba095b900cbed" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

}
