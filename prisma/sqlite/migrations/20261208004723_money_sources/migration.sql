-- AlterTable
ALTER TABLE "Order" ADD COLUMN "fee" INTEGER;

-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN "currency" TEXT;
ALTER TABLE "Subscription" ADD COLUMN "mrr" INTEGER;

-- CreateTable
CREATE TABLE "Payment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "source" TEXT NOT NULL,
    "stripePaymentIntentId" TEXT,
    "stripeChargeId" TEXT,
    "stripeInvoiceId" TEXT,
    "stripeSubscriptionId" TEXT,
    "stripeCustomerId" TEXT,
    "email" TEXT,
    "currency" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "amountRefunded" INTEGER NOT NULL DEFAULT 0,
    "refundedAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'paid',
    "fee" INTEGER,
    "cardBrand" TEXT,
    "cardLast4" TEXT,
    "riskLevel" TEXT,
    "paidAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "GuestCustomer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "stripeCustomerId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "MrrMovement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "stripeSubscriptionId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DailyStat" (
    "day" DATETIME NOT NULL,
    "currency" TEXT NOT NULL,
    "grossAmount" BIGINT NOT NULL DEFAULT 0,
    "paymentsCount" INTEGER NOT NULL DEFAULT 0,
    "refundedAmount" BIGINT NOT NULL DEFAULT 0,
    "refundsCount" INTEGER NOT NULL DEFAULT 0,
    "failedCount" INTEGER NOT NULL DEFAULT 0,
    "feeAmount" BIGINT NOT NULL DEFAULT 0,
    "disputesLostAmount" BIGINT NOT NULL DEFAULT 0,
    "disputesLostCount" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("day", "currency")
);
INSERT INTO "new_DailyStat" ("currency", "day", "failedCount", "grossAmount", "paymentsCount", "refundedAmount", "refundsCount") SELECT "currency", "day", "failedCount", "grossAmount", "paymentsCount", "refundedAmount", "refundsCount" FROM "DailyStat";
DROP TABLE "DailyStat";
ALTER TABLE "new_DailyStat" RENAME TO "DailyStat";
CREATE TABLE "new_Dispute" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "stripeDisputeId" TEXT NOT NULL,
    "orderId" TEXT,
    "paymentId" TEXT,
    "stripeChargeId" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "fee" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "evidenceDueBy" DATETIME,
    "stripeUpdatedAt" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Dispute_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Dispute_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Dispute" ("amount", "createdAt", "currency", "evidenceDueBy", "id", "orderId", "reason", "status", "stripeChargeId", "stripeDisputeId", "stripeUpdatedAt", "updatedAt") SELECT "amount", "createdAt", "currency", "evidenceDueBy", "id", "orderId", "reason", "status", "stripeChargeId", "stripeDisputeId", "stripeUpdatedAt", "updatedAt" FROM "Dispute";
DROP TABLE "Dispute";
ALTER TABLE "new_Dispute" RENAME TO "Dispute";
CREATE UNIQUE INDEX "Dispute_stripeDisputeId_key" ON "Dispute"("stripeDisputeId");
CREATE INDEX "Dispute_orderId_idx" ON "Dispute"("orderId");
CREATE INDEX "Dispute_paymentId_idx" ON "Dispute"("paymentId");
CREATE INDEX "Dispute_status_idx" ON "Dispute"("status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Payment_stripePaymentIntentId_key" ON "Payment"("stripePaymentIntentId");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_stripeChargeId_key" ON "Payment"("stripeChargeId");

-- CreateIndex
CREATE INDEX "Payment_createdAt_id_idx" ON "Payment"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Payment_currency_createdAt_idx" ON "Payment"("currency", "createdAt");

-- CreateIndex
CREATE INDEX "Payment_status_createdAt_idx" ON "Payment"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Payment_email_idx" ON "Payment"("email");

-- CreateIndex
CREATE INDEX "Payment_paidAt_idx" ON "Payment"("paidAt");

-- CreateIndex
CREATE INDEX "Payment_refundedAt_idx" ON "Payment"("refundedAt");

-- CreateIndex
CREATE INDEX "Payment_stripeInvoiceId_idx" ON "Payment"("stripeInvoiceId");

-- CreateIndex
CREATE INDEX "Payment_stripeSubscriptionId_idx" ON "Payment"("stripeSubscriptionId");

-- CreateIndex
CREATE INDEX "Payment_stripeCustomerId_idx" ON "Payment"("stripeCustomerId");

-- CreateIndex
CREATE UNIQUE INDEX "GuestCustomer_email_key" ON "GuestCustomer"("email");

-- CreateIndex
CREATE INDEX "GuestCustomer_createdAt_id_idx" ON "GuestCustomer"("createdAt", "id");

-- CreateIndex
CREATE INDEX "GuestCustomer_stripeCustomerId_idx" ON "GuestCustomer"("stripeCustomerId");

-- CreateIndex
CREATE INDEX "MrrMovement_occurredAt_idx" ON "MrrMovement"("occurredAt");

-- CreateIndex
CREATE INDEX "MrrMovement_stripeSubscriptionId_idx" ON "MrrMovement"("stripeSubscriptionId");

-- CreateIndex
CREATE INDEX "User_createdAt_id_idx" ON "User"("createdAt", "id");

-- Edited by hand: stored dashboard days were computed without fees, lost disputes
-- and subscription payments, and forgetting them makes the next read recompute them.
DELETE FROM "DailyStatDay";

-- Edited by hand: guests who already paid (orders without an account), one per email.
INSERT INTO "GuestCustomer" ("id", "email", "createdAt", "updatedAt")
SELECT 'guest_' || lower(hex(randomblob(12))), o."email", min(o."paidAt"), CURRENT_TIMESTAMP
FROM "Order" o
WHERE o."userId" IS NULL AND o."paidAt" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "User" u WHERE u."email" = o."email")
GROUP BY o."email";
