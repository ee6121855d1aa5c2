-- DropIndex
DROP INDEX "AppInstallation_accountId_key";

-- AlterTable
ALTER TABLE "AppInstallation" ADD COLUMN     "livemode" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "StripeEvent" ADD COLUMN     "otherApiVersion" TEXT;

-- CreateTable
CREATE TABLE "StripeAppSignatureUse" (
    "key" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StripeAppSignatureUse_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "StripeAppSignatureUse_expiresAt_idx" ON "StripeAppSignatureUse"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "AppInstallation_accountId_livemode_key" ON "AppInstallation"("accountId", "livemode");

-- CreateIndex
CREATE INDEX "StripeEvent_otherApiVersion_receivedAt_idx" ON "StripeEvent"("otherApiVersion", "receivedAt");
