import { MigrationInterface, QueryRunner } from "typeorm";

export class DevicePotentialDuplicate1796292429917 implements MigrationInterface {
    name = 'DevicePotentialDuplicate1796292429917'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "device"
            ADD "potential_duplicate" boolean NOT NULL DEFAULT false
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "device" DROP COLUMN "potential_duplicate"
        `);
    }

}
