import { MigrationInterface, QueryRunner } from "typeorm";

export class Webhooks1796310164693 implements MigrationInterface {
    name = 'Webhooks1796310164693'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "webhook" (
                "tenant_id" uuid NOT NULL,
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "url" character varying(2000) NOT NULL,
                "events" character varying(50) array NOT NULL,
                "secret" character varying(200) NOT NULL,
                "enabled" boolean NOT NULL DEFAULT true,
                "disabled_reason" character varying(500),
                "disabled_at" TIMESTAMP(3) WITH TIME ZONE,
                "failing_since" TIMESTAMP(3) WITH TIME ZONE,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_4155fdb695803033f84f891f551" PRIMARY KEY ("tenant_id", "id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "webhook_tenant_created_idx" ON "webhook" ("tenant_id", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."webhook_delivery_status" AS ENUM('PENDING', 'DELIVERED', 'FAILED')
        `);
        await queryRunner.query(`
            CREATE TABLE "webhook_delivery" (
                "tenant_id" uuid NOT NULL,
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "webhook_id" uuid NOT NULL,
                "event_type" character varying(50) NOT NULL,
                "payload" jsonb NOT NULL,
                "status" "public"."webhook_delivery_status" NOT NULL DEFAULT 'PENDING',
                "attempts" integer NOT NULL DEFAULT '0',
                "next_attempt_at" TIMESTAMP(3) WITH TIME ZONE,
                "last_attempt_at" TIMESTAMP(3) WITH TIME ZONE,
                "response_status" integer,
                "last_error" character varying(500),
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "delivered_at" TIMESTAMP(3) WITH TIME ZONE,
                CONSTRAINT "PK_7e329a4f0d4da58274a581ebac9" PRIMARY KEY ("tenant_id", "id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "webhook_delivery_due_idx" ON "webhook_delivery" ("next_attempt_at")
            WHERE status = 'PENDING'
        `);
        await queryRunner.query(`
            CREATE INDEX "webhook_delivery_log_idx" ON "webhook_delivery" ("tenant_id", "webhook_id", "created_at", "id")
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook"
            ADD CONSTRAINT "FK_a9dbb0c2e989b3528c2e56c3b9a" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_delivery"
            ADD CONSTRAINT "FK_276613bf81e20c5d14d970c4b1f" FOREIGN KEY ("tenant_id", "webhook_id") REFERENCES "webhook"("tenant_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "webhook_delivery" DROP CONSTRAINT "FK_276613bf81e20c5d14d970c4b1f"
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook" DROP CONSTRAINT "FK_a9dbb0c2e989b3528c2e56c3b9a"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."webhook_delivery_log_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."webhook_delivery_due_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "webhook_delivery"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."webhook_delivery_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."webhook_tenant_created_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "webhook"
        `);
    }

}
