-- AlterTable
ALTER TABLE "DailyStat" ADD COLUMN     "disputesLostAmount" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "disputesLostCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "feeAmount" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Dispute" ADD COLUMN     "fee" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "paymentId" TEXT;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "fee" INTEGER;

-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "currency" TEXT,
ADD COLUMN     "mrr" INTEGER;

-- CreateTable
CREATE TABLE "Payment" (
    "id" TEXT NOT NULL,
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
    "refundedAt" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'paid',
    "fee" INTEGER,
    "cardBrand" TEXT,
    "cardLast4" TEXT,
    "riskLevel" TEXT,
    "paidAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuestCustomer" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "stripeCustomerId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GuestCustomer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MrrMovement" (
    "id" TEXT NOT NULL,
    "stripeSubscriptionId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MrrMovement_pkey" PRIMARY KEY ("id")
);

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
-- Edited by hand: text_pattern_ops lets the admin search's LIKE 'prefix%' use this
-- index under any collation (as Order_email_idx).
CREATE INDEX "Payment_email_idx" ON "Payment"("email" text_pattern_ops);

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
CREATE INDEX "Dispute_paymentId_idx" ON "Dispute"("paymentId");

-- CreateIndex
CREATE INDEX "User_createdAt_id_idx" ON "User"("createdAt", "id");

-- AddForeignKey
ALTER TABLE "Dispute" ADD CONSTRAINT "Dispute_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Edited by hand: stored dashboard days were computed without fees, lost disputes
-- and subscription payments, and forgetting them makes the next read recompute them.
DELETE FROM "DailyStatDay";

-- Edited by hand: guests who already paid (orders without an account), one per email.
INSERT INTO "GuestCustomer" ("id", "email", "createdAt", "updatedAt")
SELECT 'guest_' || md5(o."email"), o."email", min(o."paidAt"), CURRENT_TIMESTAMP
FROM "Order" o
WHERE o."userId" IS NULL AND o."paidAt" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "User" u WHERE u."email" = o."email")
GROUP BY o."email";
