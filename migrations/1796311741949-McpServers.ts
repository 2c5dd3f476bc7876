import { MigrationInterface, QueryRunner } from "typeorm";

export class McpServers1796311741949 implements MigrationInterface {
    name = 'McpServers1796311741949'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TYPE "public"."mcp_transport" AS ENUM('STDIO', 'HTTP')
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."mcp_server_policy" AS ENUM('ALLOWED', 'DENIED', 'UNREVIEWED')
        `);
        await queryRunner.query(`
            CREATE TABLE "mcp_server" (
                "tenant_id" uuid NOT NULL,
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "key" character varying(400) NOT NULL,
                "name" character varying(400) NOT NULL,
                "publisher" character varying(200),
                "transport" "public"."mcp_transport" NOT NULL,
                "launcher" character varying(30) NOT NULL,
                "package_type" character varying(20) NOT NULL,
                "package_name" character varying(400) NOT NULL,
                "known" boolean NOT NULL,
                "capabilities" text array NOT NULL DEFAULT '{}',
                "policy" "public"."mcp_server_policy" NOT NULL DEFAULT 'UNREVIEWED',
                "first_seen_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "last_seen_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                CONSTRAINT "mcp_server_tenant_key_uq" UNIQUE ("tenant_id", "key"),
                CONSTRAINT "PK_8319358357352338f7a67b224ec" PRIMARY KEY ("tenant_id", "id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "mcp_server_sighting" (
                "tenant_id" uuid NOT NULL,
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "sighting_key" character varying(600) NOT NULL,
                "server_id" uuid NOT NULL,
                "device_id" uuid NOT NULL,
                "user_id" uuid,
                "installation_id" uuid,
                "agent_key" character varying(100),
                "host_process" character varying(200),
                "evidence" text array NOT NULL,
                "version" character varying(100),
                "pinned" boolean,
                "remote_url" text,
                "arguments" text,
                "first_seen_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "last_seen_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "removed_at" TIMESTAMP(3) WITH TIME ZONE,
                "last_sync_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                CONSTRAINT "mcp_server_sighting_tenant_key_uq" UNIQUE ("tenant_id", "sighting_key"),
                CONSTRAINT "PK_e74af40f3913d918c1996ad0b26" PRIMARY KEY ("tenant_id", "id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "mcp_server_sighting_tenant_installation_idx" ON "mcp_server_sighting" ("tenant_id", "installation_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "mcp_server_sighting_tenant_device_idx" ON "mcp_server_sighting" ("tenant_id", "device_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "mcp_server_sighting_tenant_server_idx" ON "mcp_server_sighting" ("tenant_id", "server_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."mcp_server_event_type" AS ENUM('FIRST_SEEN', 'DISAPPEARED')
        `);
        await queryRunner.query(`
            CREATE TABLE "mcp_server_event" (
                "tenant_id" uuid NOT NULL,
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "seq" BIGSERIAL NOT NULL,
                "server_id" uuid NOT NULL,
                "sighting_id" uuid NOT NULL,
                "device_id" uuid NOT NULL,
                "installation_id" uuid,
                "type" "public"."mcp_server_event_type" NOT NULL,
                "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "sync_run_id" uuid,
                CONSTRAINT "PK_05b854c346dca73a5f2a89223ea" PRIMARY KEY ("tenant_id", "id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "mcp_server_event_tenant_seq_idx" ON "mcp_server_event" ("tenant_id", "seq")
        `);
        await queryRunner.query(`
            CREATE TABLE "mcp_config_file" (
                "tenant_id" uuid NOT NULL,
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "device_id" uuid NOT NULL,
                "user_id" uuid,
                "agent_key" character varying(100) NOT NULL,
                "path" text NOT NULL,
                "last_changed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                CONSTRAINT "mcp_config_file_tenant_device_path_uq" UNIQUE ("tenant_id", "device_id", "path"),
                CONSTRAINT "PK_5289bb4ba0a0c3fc7b282c60097" PRIMARY KEY ("tenant_id", "id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "mcp_server"
            ADD CONSTRAINT "FK_69eef3fe5a96ae46f4faffce020" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "mcp_server_sighting"
            ADD CONSTRAINT "FK_d92339c82192d1868ae9890bb55" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "mcp_server_sighting"
            ADD CONSTRAINT "FK_b040e6f4305b0f992252be39866" FOREIGN KEY ("tenant_id", "device_id") REFERENCES "device"("tenant_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "mcp_server_sighting"
            ADD CONSTRAINT "FK_8a5411cb89f05d80ce2d57da68c" FOREIGN KEY ("tenant_id", "server_id") REFERENCES "mcp_server"("tenant_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "mcp_server_event"
            ADD CONSTRAINT "FK_28b9c82a40fd3b8ed257b3c6c7a" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "mcp_config_file"
            ADD CONSTRAINT "FK_df2df04cb2d28774933702e23af" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "mcp_config_file"
            ADD CONSTRAINT "FK_49046489928451d12862197f836" FOREIGN KEY ("tenant_id", "device_id") REFERENCES "device"("tenant_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "mcp_config_file" DROP CONSTRAINT "FK_49046489928451d12862197f836"
        `);
        await queryRunner.query(`
            ALTER TABLE "mcp_config_file" DROP CONSTRAINT "FK_df2df04cb2d28774933702e23af"
        `);
        await queryRunner.query(`
            ALTER TABLE "mcp_server_event" DROP CONSTRAINT "FK_28b9c82a40fd3b8ed257b3c6c7a"
        `);
        await queryRunner.query(`
            ALTER TABLE "mcp_server_sighting" DROP CONSTRAINT "FK_8a5411cb89f05d80ce2d57da68c"
        `);
        await queryRunner.query(`
            ALTER TABLE "mcp_server_sighting" DROP CONSTRAINT "FK_b040e6f4305b0f992252be39866"
        `);
        await queryRunner.query(`
            ALTER TABLE "mcp_server_sighting" DROP CONSTRAINT "FK_d92339c82192d1868ae9890bb55"
        `);
        await queryRunner.query(`
            ALTER TABLE "mcp_server" DROP CONSTRAINT "FK_69eef3fe5a96ae46f4faffce020"
        `);
        await queryRunner.query(`
            DROP TABLE "mcp_config_file"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."mcp_server_event_tenant_seq_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "mcp_server_event"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."mcp_server_event_type"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."mcp_server_sighting_tenant_server_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."mcp_server_sighting_tenant_device_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."mcp_server_sighting_tenant_installation_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "mcp_server_sighting"
        `);
        await queryRunner.query(`
            DROP TABLE "mcp_server"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."mcp_server_policy"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."mcp_transport"
        `);
    }

}
