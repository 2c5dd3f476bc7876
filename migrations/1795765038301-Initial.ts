import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795765038301 implements MigrationInterface {
    name = 'Initial1795765038301'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TYPE "public"."agent_category" AS ENUM(
                'IDE',
                'IDE_EXTENSION',
                'CLI',
                'DESKTOP_APP',
                'TERMINAL',
                'LOCAL_RUNTIME'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "agent" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "key" character varying(100) NOT NULL,
                "name" character varying(200) NOT NULL,
                "vendor" character varying(200) NOT NULL,
                "category" "public"."agent_category" NOT NULL,
                "catalog_version" character varying(40) NOT NULL,
                CONSTRAINT "UQ_00a036d2de2718990f44028ffe9" UNIQUE ("key"),
                CONSTRAINT "PK_1000e989398c5d4ed585cf9a46f" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "tenant" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(200) NOT NULL,
                "entra_tenant_id" uuid,
                "sync_interval_minutes" integer,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_da8c6efd67bb301e810e56ac139" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "tenant_entra_tenant_id_key" ON "tenant" ("entra_tenant_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."agent_policy_value" AS ENUM('SANCTIONED', 'UNSANCTIONED', 'UNDER_REVIEW')
        `);
        await queryRunner.query(`
            CREATE TABLE "agent_policy" (
                "tenant_id" uuid NOT NULL,
                "agent_id" uuid NOT NULL,
                "policy" "public"."agent_policy_value" NOT NULL,
                "note" text,
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_e5737d24c7958a5295cdda0eaa3" PRIMARY KEY ("tenant_id", "agent_id")
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."role" AS ENUM('VIEWER', 'OPERATOR', 'ADMIN', 'PLATFORM_ADMIN')
        `);
        await queryRunner.query(`
            CREATE TABLE "api_key" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid,
                "name" character varying(200) NOT NULL,
                "role" "public"."role" NOT NULL,
                "prefix" character varying(16) NOT NULL,
                "secret_hash" character(64) NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_used_at" TIMESTAMP(3) WITH TIME ZONE,
                "revoked_at" TIMESTAMP(3) WITH TIME ZONE,
                CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "api_key_secret_hash_key" ON "api_key" ("secret_hash")
        `);
        await queryRunner.query(`
            CREATE INDEX "api_key_tenant_idx" ON "api_key" ("tenant_id", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "audit_event" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid,
                "actor_key_id" uuid,
                "action" character varying(100) NOT NULL,
                "details" jsonb NOT NULL DEFAULT '{}',
                "request_id" character varying(100),
                "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "audit_event_tenant_time_idx" ON "audit_event" ("tenant_id", "occurred_at", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "consent_request" (
                "tenant_id" uuid NOT NULL,
                "id" uuid NOT NULL,
                "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP(3) WITH TIME ZONE,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_048eadbb852f9ea39a31c824cb3" PRIMARY KEY ("tenant_id", "id")
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."integration_status" AS ENUM(
                'NOT_CONNECTED',
                'PENDING_CONSENT',
                'CONNECTED',
                'DEGRADED',
                'ERROR',
                'REVOKED'
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."cloud" AS ENUM('PUBLIC', 'GCC', 'GCC_HIGH', 'DOD')
        `);
        await queryRunner.query(`
            CREATE TABLE "defender_integration" (
                "tenant_id" uuid NOT NULL,
                "status" "public"."integration_status" NOT NULL DEFAULT 'NOT_CONNECTED',
                "cloud" "public"."cloud" NOT NULL DEFAULT 'PUBLIC',
                "granted_permissions" text array NOT NULL DEFAULT '{}',
                "missing_permissions" text array NOT NULL DEFAULT '{}',
                "last_error" text,
                "last_error_at" TIMESTAMP(3) WITH TIME ZONE,
                "consented_at" TIMESTAMP(3) WITH TIME ZONE,
                "last_sync_at" TIMESTAMP(3) WITH TIME ZONE,
                "next_sync_at" TIMESTAMP(3) WITH TIME ZONE,
                "first_sync_at" TIMESTAMP(3) WITH TIME ZONE,
                "revoked_at" TIMESTAMP(3) WITH TIME ZONE,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_3d760ea2bdbc71df6e7786c9861" PRIMARY KEY ("tenant_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "device" (
                "tenant_id" uuid NOT NULL,
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "defender_id" character varying(100) NOT NULL,
                "name" character varying(300) NOT NULL,
                "os_platform" character varying(100),
                "os_version" character varying(100),
                "health_status" character varying(100),
                "onboarding_status" character varying(100),
                "rbac_group_id" character varying(100),
                "rbac_group_name" character varying(300),
                "tags" text array NOT NULL DEFAULT '{}',
                "aad_device_id" uuid,
                "first_seen_at" TIMESTAMP(3) WITH TIME ZONE,
                "last_seen_at" TIMESTAMP(3) WITH TIME ZONE,
                "stale_since" TIMESTAMP(3) WITH TIME ZONE,
                "missing_since" TIMESTAMP(3) WITH TIME ZONE,
                "software_seen_at" TIMESTAMP(3) WITH TIME ZONE,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_824ebcce43b9095a374ff2dadc6" PRIMARY KEY ("tenant_id", "id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "device_tenant_aad_device_idx" ON "device" ("tenant_id", "aad_device_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "device_tenant_last_seen_idx" ON "device" ("tenant_id", "last_seen_at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "device_tenant_name_idx" ON "device" ("tenant_id", "name", "id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "device_tenant_defender_id_key" ON "device" ("tenant_id", "defender_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "user_account" (
                "tenant_id" uuid NOT NULL,
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "identity_key" character varying(400) NOT NULL,
                "upn" character varying(300),
                "account_name" character varying(200),
                "account_domain" character varying(200),
                "sid" character varying(200),
                "aad_object_id" uuid,
                "last_seen_at" TIMESTAMP(3) WITH TIME ZONE,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_0eb51e06a2929ac46ae5a0f4b50" PRIMARY KEY ("tenant_id", "id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "user_tenant_account_idx" ON "user_account" ("tenant_id", "account_name", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "user_tenant_upn_idx" ON "user_account" ("tenant_id", "upn", "id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "user_tenant_identity_key" ON "user_account" ("tenant_id", "identity_key")
        `);
        await queryRunner.query(`
            CREATE TABLE "device_user" (
                "tenant_id" uuid NOT NULL,
                "device_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "first_seen_at" TIMESTAMP(3) WITH TIME ZONE,
                "last_seen_at" TIMESTAMP(3) WITH TIME ZONE,
                CONSTRAINT "PK_f9afbd60a3109b8e18ac4288c47" PRIMARY KEY ("tenant_id", "device_id", "user_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "device_user_tenant_user_idx" ON "device_user" ("tenant_id", "user_id", "device_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."installation_channel" AS ENUM(
                'DESKTOP_APP',
                'CLI',
                'IDE_EXTENSION',
                'BROWSER_EXTENSION'
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."installation_status" AS ENUM('ACTIVE', 'REMOVED')
        `);
        await queryRunner.query(`
            CREATE TABLE "installation" (
                "tenant_id" uuid NOT NULL,
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "device_id" uuid NOT NULL,
                "agent_id" uuid NOT NULL,
                "user_id" uuid,
                "channel" "public"."installation_channel" NOT NULL,
                "host_ides" text array NOT NULL DEFAULT '{}',
                "version" character varying(100),
                "status" "public"."installation_status" NOT NULL DEFAULT 'ACTIVE',
                "first_seen_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "last_seen_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "removed_at" TIMESTAMP(3) WITH TIME ZONE,
                "evidence" jsonb NOT NULL DEFAULT '[]',
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_5eeda2f71bb7ebf505aaae8839e" PRIMARY KEY ("tenant_id", "id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "installation_tenant_first_seen_idx" ON "installation" ("tenant_id", "first_seen_at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "installation_tenant_last_seen_idx" ON "installation" ("tenant_id", "last_seen_at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "installation_tenant_user_idx" ON "installation" ("tenant_id", "user_id", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "installation_tenant_device_idx" ON "installation" ("tenant_id", "device_id", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "installation_tenant_agent_idx" ON "installation" ("tenant_id", "agent_id", "status", "id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."installation_event_type" AS ENUM(
                'INSTALLED',
                'REMOVED',
                'VERSION_CHANGED',
                'REINSTALLED'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "installation_event" (
                "tenant_id" uuid NOT NULL,
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "seq" BIGSERIAL NOT NULL,
                "installation_id" uuid NOT NULL,
                "type" "public"."installation_event_type" NOT NULL,
                "from_version" character varying(100),
                "to_version" character varying(100),
                "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "sync_run_id" uuid,
                CONSTRAINT "PK_23c1eb73643af91b453310195ab" PRIMARY KEY ("tenant_id", "id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "installation_event_tenant_installation_idx" ON "installation_event" ("tenant_id", "installation_id", "seq")
        `);
        await queryRunner.query(`
            CREATE INDEX "installation_event_tenant_seq_idx" ON "installation_event" ("tenant_id", "seq")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."sync_trigger" AS ENUM('SCHEDULE', 'MANUAL', 'CONSENT')
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."sync_mode" AS ENUM('FULL', 'INCREMENTAL')
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."sync_run_status" AS ENUM(
                'QUEUED',
                'RUNNING',
                'SUCCEEDED',
                'PARTIAL',
                'FAILED',
                'CANCELLED'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "sync_run" (
                "tenant_id" uuid NOT NULL,
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "trigger" "public"."sync_trigger" NOT NULL,
                "mode" "public"."sync_mode" NOT NULL,
                "status" "public"."sync_run_status" NOT NULL DEFAULT 'QUEUED',
                "queued_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "started_at" TIMESTAMP(3) WITH TIME ZONE,
                "finished_at" TIMESTAMP(3) WITH TIME ZONE,
                "heartbeat_at" TIMESTAMP(3) WITH TIME ZONE,
                "worker_id" character varying(200),
                "sources" jsonb NOT NULL DEFAULT '[]',
                "stats" jsonb,
                "progress" jsonb,
                "error" text,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_7e3958058faa5f41390fb965495" PRIMARY KEY ("tenant_id", "id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "sync_run_one_queued_per_tenant" ON "sync_run" ("tenant_id")
            WHERE "status" = 'QUEUED'
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "sync_run_one_running_per_tenant" ON "sync_run" ("tenant_id")
            WHERE "status" = 'RUNNING'
        `);
        await queryRunner.query(`
            CREATE INDEX "sync_run_tenant_queued_idx" ON "sync_run" ("tenant_id", "queued_at", "id")
        `);
        await queryRunner.query(`
            ALTER TABLE "agent_policy"
            ADD CONSTRAINT "FK_1f3939d95b197b5214da196f4e5" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "agent_policy"
            ADD CONSTRAINT "FK_1cfb7d1c41d821e30f26db75b10" FOREIGN KEY ("agent_id") REFERENCES "agent"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "api_key"
            ADD CONSTRAINT "FK_6101b7dd3373e2cef8f373551de" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "consent_request"
            ADD CONSTRAINT "FK_6d96adc635565a277ad3cde05cd" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "defender_integration"
            ADD CONSTRAINT "FK_3d760ea2bdbc71df6e7786c9861" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "device"
            ADD CONSTRAINT "FK_cb3a0f73cde7366efdd1bf0b5eb" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "user_account"
            ADD CONSTRAINT "FK_9a3bbeb2be38637fe8dac780cfd" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "device_user"
            ADD CONSTRAINT "FK_f828d8e36acc0c60fb20b8433cc" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "device_user"
            ADD CONSTRAINT "FK_c78175728c69fe6cdef10429446" FOREIGN KEY ("tenant_id", "user_id") REFERENCES "user_account"("tenant_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "device_user"
            ADD CONSTRAINT "FK_0a2286afc5fa46a5bcf328dba50" FOREIGN KEY ("tenant_id", "device_id") REFERENCES "device"("tenant_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "installation"
            ADD CONSTRAINT "FK_efd07a90162054ba095b900cbed" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "installation"
            ADD CONSTRAINT "FK_06de2a8956c632ad851cc42d4d5" FOREIGN KEY ("agent_id") REFERENCES "agent"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "installation"
            ADD CONSTRAINT "FK_b608c4ac35966f1129e3daf0b13" FOREIGN KEY ("tenant_id", "user_id") REFERENCES "user_account"("tenant_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "installation"
            ADD CONSTRAINT "FK_82d1c5d012d06d6c0636e478074" FOREIGN KEY ("tenant_id", "device_id") REFERENCES "device"("tenant_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "installation_event"
            ADD CONSTRAINT "FK_d96a0fbc3c61dbb330fd040c642" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "installation_event"
            ADD CONSTRAINT "FK_18054bc82b1c89480b31830fbb2" FOREIGN KEY ("tenant_id", "installation_id") REFERENCES "installation"("tenant_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "sync_run"
            ADD CONSTRAINT "FK_606c2f036d3cfc2a93aec9b59b9" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        // Written by hand: TypeORM cannot express NULLS NOT DISTINCT (an installation without a user is one row).
        await queryRunner.query(`
            CREATE UNIQUE INDEX "installation_natural_key" ON "installation" ("tenant_id", "device_id", "agent_id", "user_id", "channel") NULLS NOT DISTINCT
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."installation_natural_key"
        `);
        await queryRunner.query(`
            ALTER TABLE "sync_run" DROP CONSTRAINT "FK_606c2f036d3cfc2a93aec9b59b9"
        `);
        await queryRunner.query(`
            ALTER TABLE "installation_event" DROP CONSTRAINT "FK_18054bc82b1c89480b31830fbb2"
        `);
        await queryRunner.query(`
            ALTER TABLE "installation_event" DROP CONSTRAINT "FK_d96a0fbc3c61dbb330fd040c642"
        `);
        await queryRunner.query(`
            ALTER TABLE "installation" DROP CONSTRAINT "FK_82d1c5d012d06d6c0636e478074"
        `);
        await queryRunner.query(`
            ALTER TABLE "installation" DROP CONSTRAINT "FK_b608c4ac35966f1129e3daf0b13"
        `);
        await queryRunner.query(`
            ALTER TABLE "installation" DROP CONSTRAINT "FK_06de2a8956c632ad851cc42d4d5"
        `);
        await queryRunner.query(`
            ALTER TABLE "installation" DROP CONSTRAINT "FK_efd07a90162054ba095b900cbed"
        `);
        await queryRunner.query(`
            ALTER TABLE "device_user" DROP CONSTRAINT "FK_0a2286afc5fa46a5bcf328dba50"
        `);
        await queryRunner.query(`
            ALTER TABLE "device_user" DROP CONSTRAINT "FK_c78175728c69fe6cdef10429446"
        `);
        await queryRunner.query(`
            ALTER TABLE "device_user" DROP CONSTRAINT "FK_f828d8e36acc0c60fb20b8433cc"
        `);
        await queryRunner.query(`
            ALTER TABLE "user_account" DROP CONSTRAINT "FK_9a3bbeb2be38637fe8dac780cfd"
        `);
        await queryRunner.query(`
            ALTER TABLE "device" DROP CONSTRAINT "FK_cb3a0f73cde7366efdd1bf0b5eb"
        `);
        await queryRunner.query(`
            ALTER TABLE "defender_integration" DROP CONSTRAINT "FK_3d760ea2bdbc71df6e7786c9861"
        `);
        await queryRunner.query(`
            ALTER TABLE "consent_request" DROP CONSTRAINT "FK_6d96adc635565a277ad3cde05cd"
        `);
        await queryRunner.query(`
            ALTER TABLE "api_key" DROP CONSTRAINT "FK_6101b7dd3373e2cef8f373551de"
        `);
        await queryRunner.query(`
            ALTER TABLE "agent_policy" DROP CONSTRAINT "FK_1cfb7d1c41d821e30f26db75b10"
        `);
        await queryRunner.query(`
            ALTER TABLE "agent_policy" DROP CONSTRAINT "FK_1f3939d95b197b5214da196f4e5"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."sync_run_tenant_queued_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."sync_run_one_running_per_tenant"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."sync_run_one_queued_per_tenant"
        `);
        await queryRunner.query(`
            DROP TABLE "sync_run"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."sync_run_status"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."sync_mode"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."sync_trigger"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."installation_event_tenant_seq_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."installation_event_tenant_installation_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "installation_event"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."installation_event_type"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."installation_tenant_agent_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."installation_tenant_device_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."installation_tenant_user_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."installation_tenant_last_seen_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."installation_tenant_first_seen_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "installation"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."installation_status"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."installation_channel"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."device_user_tenant_user_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "device_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."user_tenant_identity_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."user_tenant_upn_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."user_tenant_account_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "user_account"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."device_tenant_defender_id_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."device_tenant_name_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."device_tenant_last_seen_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."device_tenant_aad_device_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "device"
        `);
        await queryRunner.query(`
            DROP TABLE "defender_integration"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."cloud"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."integration_status"
        `);
        await queryRunner.query(`
            DROP TABLE "consent_request"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."audit_event_tenant_time_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "audit_event"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."api_key_tenant_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."api_key_secret_hash_key"
        `);
        await queryRunner.query(`
            DROP TABLE "api_key"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."role"
        `);
        await queryRunner.query(`
            DROP TABLE "agent_policy"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."agent_policy_value"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."tenant_entra_tenant_id_key"
        `);
        await queryRunner.query(`
            DROP TABLE "tenant"
        `);
        await queryRunner.query(`
            DROP TABLE "agent"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."agent_category"
        `);
    }

}
