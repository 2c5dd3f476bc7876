import { MigrationInterface, QueryRunner } from "typeorm";

export class ConsentRequestAdminSignIn1796291723171 implements MigrationInterface {
    name = 'ConsentRequestAdminSignIn1796291723171'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "consent_request"
            ADD "code_verifier" character varying(128)
        `);
        await queryRunner.query(`
            ALTER TABLE "consent_request"
            ADD "oidc_nonce" character varying(64)
        `);
        await queryRunner.query(`
            ALTER TABLE "consent_request"
            ADD "signed_in_at" TIMESTAMP(3) WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "consent_request"
            ADD "entra_tenant_id" uuid
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "consent_request" DROP COLUMN "entra_tenant_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "consent_request" DROP COLUMN "signed_in_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "consent_request" DROP COLUMN "oidc_nonce"
        `);
        await queryRunner.query(`
            ALTER TABLE "consent_request" DROP COLUMN "code_verifier"
        `);
    }

}
