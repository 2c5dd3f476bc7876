import { MigrationInterface, QueryRunner } from "typeorm";

export class InstallationActivity1796310244041 implements MigrationInterface {
    name = 'InstallationActivity1796310244041'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TYPE "public"."installation_activity" AS ENUM('ACTIVE', 'IDLE', 'NO_USE_SEEN')
        `);
        await queryRunner.query(`
            ALTER TABLE "installation"
            ADD "activity" "public"."installation_activity" NOT NULL DEFAULT 'NO_USE_SEEN'
        `);
        await queryRunner.query(`
            ALTER TABLE "installation"
            ADD "last_used_at" TIMESTAMP(3) WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "installation"
            ADD "active_days" date array NOT NULL DEFAULT '{}'
        `);
        await queryRunner.query(`
            ALTER TABLE "installation"
            ADD "active_days7" smallint NOT NULL DEFAULT '0'
        `);
        await queryRunner.query(`
            ALTER TABLE "installation"
            ADD "active_days30" smallint NOT NULL DEFAULT '0'
        `);
        await queryRunner.query(`
            CREATE INDEX "installation_tenant_last_used_idx" ON "installation" ("tenant_id", "last_used_at", "id")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."installation_tenant_last_used_idx"
        `);
        await queryRunner.query(`
            ALTER TABLE "installation" DROP COLUMN "active_days30"
        `);
        await queryRunner.query(`
            ALTER TABLE "installation" DROP COLUMN "active_days7"
        `);
        await queryRunner.query(`
            ALTER TABLE "installation" DROP COLUMN "active_days"
        `);
        await queryRunner.query(`
            ALTER TABLE "installation" DROP COLUMN "last_used_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "installation" DROP COLUMN "activity"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."installation_activity"
        `);
    }

}
