import { MigrationInterface, QueryRunner } from "typeorm";

export class TenantInventoryVersion1795785867667 implements MigrationInterface {
    name = 'TenantInventoryVersion1795785867667'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "tenant"
            ADD "inventory_version" integer NOT NULL DEFAULT '0'
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "tenant" DROP COLUMN "inventory_version"
        `);
    }

}
