-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('firing', 'resolved');

-- CreateEnum
CREATE TYPE "AlertChannelKind" AS ENUM ('wecom_robot', 'wecom_app', 'webhook', 'email', 'console');

-- CreateEnum
CREATE TYPE "AlertMessageState" AS ENUM ('open', 'sending', 'retrying', 'sent', 'failed', 'uncertain');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "wecom_user_id" TEXT;

-- CreateTable
CREATE TABLE "alerting_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "alertmanager_token_digest" TEXT,
    "alertmanager_token_set_at" TIMESTAMPTZ(3),
    "alertmanager_url" TEXT,
    "app_labels" TEXT[] DEFAULT ARRAY['app.kubernetes.io/instance', 'app', 'service']::TEXT[],
    "release_link_minutes" INTEGER NOT NULL DEFAULT 30,
    "time_zone" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "webhook_allow_list" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "wecom_api_base" TEXT NOT NULL DEFAULT 'https://qyapi.weixin.qq.com',
    "wecom_corp_id" TEXT,
    "wecom_agent_id" INTEGER,
    "wecom_secret_encrypted" TEXT,
    "smtp_host" TEXT,
    "smtp_port" INTEGER NOT NULL DEFAULT 587,
    "smtp_secure" BOOLEAN NOT NULL DEFAULT false,
    "smtp_username" TEXT,
    "smtp_password_encrypted" TEXT,
    "smtp_from" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alerting_settings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "wecom_access_tokens" (
    "credential_digest" TEXT NOT NULL,
    "token_encrypted" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "wecom_access_tokens_pkey" PRIMARY KEY ("credential_digest")
);

-- CreateTable
CREATE TABLE "alertmanager_refusals" (
    "source" TEXT NOT NULL,
    "last_audit_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alertmanager_refusals_pkey" PRIMARY KEY ("source")
);

-- CreateTable
CREATE TABLE "alerts" (
    "id" UUID NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "AlertStatus" NOT NULL,
    "alertname" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "labels" JSONB NOT NULL,
    "annotations" JSONB NOT NULL,
    "ends_at" TIMESTAMPTZ(3),
    "generator_url" TEXT NOT NULL DEFAULT '',
    "app_id" UUID,
    "environment_id" UUID,
    "release_id" UUID,
    "silence_id" TEXT,
    "muted_until" TIMESTAMPTZ(3),
    "muted_by_label" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_subscriptions" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "owner_id" UUID NOT NULL,
    "team_id" UUID,
    "app_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "filter_team_id" UUID,
    "environment_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "min_severity" TEXT NOT NULL DEFAULT 'info',
    "alertnames" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "matchers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "window_seconds" INTEGER NOT NULL DEFAULT 300,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alert_subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_channels" (
    "id" UUID NOT NULL,
    "subscription_id" UUID NOT NULL,
    "kind" "AlertChannelKind" NOT NULL,
    "config" JSONB NOT NULL DEFAULT '{}',
    "secret_encrypted" TEXT,
    "key_digest" TEXT,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "disabled_at" TIMESTAMPTZ(3),
    "disabled_reason" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_channels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_messages" (
    "id" UUID NOT NULL,
    "subscription_id" UUID NOT NULL,
    "channel_id" UUID NOT NULL,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "state" "AlertMessageState" NOT NULL DEFAULT 'open',
    "opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lease_until" TIMESTAMPTZ(3),

    CONSTRAINT "alert_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_open_windows" (
    "channel_id" UUID NOT NULL,
    "message_id" UUID NOT NULL,

    CONSTRAINT "alert_open_windows_pkey" PRIMARY KEY ("channel_id")
);

-- CreateTable
CREATE TABLE "alert_message_items" (
    "message_id" UUID NOT NULL,
    "alert_id" UUID NOT NULL,
    "event" "AlertStatus" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_message_items_pkey" PRIMARY KEY ("message_id","alert_id","event")
);

-- CreateTable
CREATE TABLE "alert_delivery_attempts" (
    "id" BIGSERIAL NOT NULL,
    "message_id" UUID NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "outcome" TEXT,
    "answer" JSONB,

    CONSTRAINT "alert_delivery_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "wecom_robot_sends" (
    "id" BIGSERIAL NOT NULL,
    "key_digest" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "wecom_robot_sends_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbox_items" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "message_id" UUID,
    "kind" TEXT NOT NULL,
    "values" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),

    CONSTRAINT "inbox_items_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "alerts_starts_at_idx" ON "alerts"("starts_at" DESC);

-- CreateIndex
CREATE INDEX "alerts_status_starts_at_idx" ON "alerts"("status", "starts_at" DESC);

-- CreateIndex
CREATE INDEX "alerts_app_id_starts_at_idx" ON "alerts"("app_id", "starts_at" DESC);

-- CreateIndex
CREATE INDEX "alerts_release_id_idx" ON "alerts"("release_id");

-- CreateIndex
CREATE UNIQUE INDEX "alerts_fingerprint_starts_at_key" ON "alerts"("fingerprint", "starts_at");

-- CreateIndex
CREATE INDEX "alert_subscriptions_owner_id_idx" ON "alert_subscriptions"("owner_id");

-- CreateIndex
CREATE INDEX "alert_subscriptions_team_id_idx" ON "alert_subscriptions"("team_id");

-- CreateIndex
CREATE INDEX "alert_channels_subscription_id_idx" ON "alert_channels"("subscription_id");

-- CreateIndex
CREATE INDEX "alert_messages_subscription_id_opened_at_idx" ON "alert_messages"("subscription_id", "opened_at" DESC);

-- CreateIndex
CREATE INDEX "alert_messages_channel_id_opened_at_idx" ON "alert_messages"("channel_id", "opened_at" DESC);

-- CreateIndex
CREATE INDEX "alert_messages_state_due_at_idx" ON "alert_messages"("state", "due_at");

-- CreateIndex
CREATE UNIQUE INDEX "alert_open_windows_message_id_key" ON "alert_open_windows"("message_id");

-- CreateIndex
CREATE INDEX "alert_message_items_alert_id_idx" ON "alert_message_items"("alert_id");

-- CreateIndex
CREATE INDEX "alert_delivery_attempts_message_id_id_idx" ON "alert_delivery_attempts"("message_id", "id");

-- CreateIndex
CREATE INDEX "wecom_robot_sends_key_digest_at_idx" ON "wecom_robot_sends"("key_digest", "at");

-- CreateIndex
CREATE INDEX "inbox_items_user_id_created_at_idx" ON "inbox_items"("user_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "inbox_items_user_id_message_id_key" ON "inbox_items"("user_id", "message_id");

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "releases"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_subscriptions" ADD CONSTRAINT "alert_subscriptions_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_subscriptions" ADD CONSTRAINT "alert_subscriptions_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_channels" ADD CONSTRAINT "alert_channels_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "alert_subscriptions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_messages" ADD CONSTRAINT "alert_messages_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "alert_subscriptions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_messages" ADD CONSTRAINT "alert_messages_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "alert_channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_open_windows" ADD CONSTRAINT "alert_open_windows_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "alert_channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_message_items" ADD CONSTRAINT "alert_message_items_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "alert_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_message_items" ADD CONSTRAINT "alert_message_items_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_delivery_attempts" ADD CONSTRAINT "alert_delivery_attempts_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "alert_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_items" ADD CONSTRAINT "inbox_items_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_items" ADD CONSTRAINT "inbox_items_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "alert_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;
