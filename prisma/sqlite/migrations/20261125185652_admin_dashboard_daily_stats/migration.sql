-- CreateTable
CREATE TABLE "DailyStat" (
    "day" DATETIME NOT NULL,
    "currency" TEXT NOT NULL,
    "grossAmount" BIGINT NOT NULL DEFAULT 0,
    "paymentsCount" INTEGER NOT NULL DEFAULT 0,
    "refundedAmount" BIGINT NOT NULL DEFAULT 0,
    "refundsCount" INTEGER NOT NULL DEFAULT 0,
    "failedCount" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("day", "currency")
);

-- CreateTable
CREATE TABLE "DailyStatDay" (
    "day" DATETIME NOT NULL PRIMARY KEY,
    "computedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Order_stripeChargeId_idx" ON "Order"("stripeChargeId");

-- CreateIndex
CREATE INDEX "Order_paidAt_idx" ON "Order"("paidAt");

-- CreateIndex
CREATE INDEX "Order_status_createdAt_idx" ON "Order"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Refund_createdAt_idx" ON "Refund"("createdAt");
