import { MigrationInterface, QueryRunner } from "typeorm";

export class ApiKeyPublicIdExpiryAndChanges1796290972021 implements MigrationInterface {
    name = 'ApiKeyPublicIdExpiryAndChanges1796290972021'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TYPE "public"."api_key_origin" AS ENUM('API', 'ADMIN_API_KEY', 'DEMO')
        `);
        await queryRunner.query(`
            ALTER TABLE "api_key"
            ADD "origin" "public"."api_key_origin" NOT NULL DEFAULT 'API'
        `);
        await queryRunner.query(`
            ALTER TABLE "api_key"
            ADD "expires_at" TIMESTAMP(3) WITH TIME ZONE
        `);
        // Prefixes used to be the secret's first 12 characters: replace them with random public ids.
        await queryRunner.query(`
            UPDATE "api_key"
            SET "prefix" = substr(replace(gen_random_uuid()::text, '-', ''), 1, 12)
        `);
        // The key ADMIN_API_KEY (or the demo) ensured before origins existed is rotated like later ones.
        await queryRunner.query(`
            UPDATE "api_key"
            SET "origin" = 'ADMIN_API_KEY'
            WHERE "name" = 'ADMIN_API_KEY' AND "tenant_id" IS NULL AND "role" = 'PLATFORM_ADMIN'
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "api_key_prefix_key" ON "api_key" ("prefix")
        `);
        // Every process caching keys hears of a change at once (src/auth/key-changes.ts); usage stamps
        // (last_used_at) are not changes.
        await queryRunner.query(`
            CREATE FUNCTION "api_key_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('api_key_changed', OLD."id"::text);
                RETURN NULL;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "api_key_changed"
            AFTER UPDATE OF "revoked_at", "expires_at", "role", "tenant_id", "secret_hash" OR DELETE ON "api_key"
            FOR EACH ROW EXECUTE FUNCTION "api_key_changed"()
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TRIGGER "api_key_changed" ON "api_key"
        `);
        await queryRunner.query(`
            DROP FUNCTION "api_key_changed"()
        `);
        await queryRunner.query(`
            DROP INDEX "public"."api_key_prefix_key"
        `);
        await queryRunner.query(`
            ALTER TABLE "api_key" DROP COLUMN "expires_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "api_key" DROP COLUMN "origin"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."api_key_origin"
        `);
    }

}
