-- AlterTable
ALTER TABLE "StripeEvent" ADD COLUMN     "nextAttemptAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ParkedWebhook" (
    "id" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reason" TEXT NOT NULL,
    "payload" TEXT NOT NULL,

    CONSTRAINT "ParkedWebhook_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ParkedWebhook_receivedAt_idx" ON "ParkedWebhook"("receivedAt");

-- CreateIndex
CREATE INDEX "StripeEvent_nextAttemptAt_idx" ON "StripeEvent"("nextAttemptAt");
