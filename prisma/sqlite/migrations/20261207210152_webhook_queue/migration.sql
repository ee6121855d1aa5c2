-- AlterTable
ALTER TABLE "StripeEvent" ADD COLUMN "nextAttemptAt" DATETIME;

-- CreateTable
CREATE TABLE "ParkedWebhook" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reason" TEXT NOT NULL,
    "payload" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "ParkedWebhook_receivedAt_idx" ON "ParkedWebhook"("receivedAt");

-- CreateIndex
CREATE INDEX "StripeEvent_nextAttemptAt_idx" ON "StripeEvent"("nextAttemptAt");
