-- CreateTable
CREATE TABLE "DailyStat" (
    "day" TIMESTAMP(3) NOT NULL,
    "currency" TEXT NOT NULL,
    "grossAmount" BIGINT NOT NULL DEFAULT 0,
    "paymentsCount" INTEGER NOT NULL DEFAULT 0,
    "refundedAmount" BIGINT NOT NULL DEFAULT 0,
    "refundsCount" INTEGER NOT NULL DEFAULT 0,
    "failedCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DailyStat_pkey" PRIMARY KEY ("day","currency")
);

-- CreateTable
CREATE TABLE "DailyStatDay" (
    "day" TIMESTAMP(3) NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DailyStatDay_pkey" PRIMARY KEY ("day")
);

-- CreateIndex
CREATE INDEX "Order_stripeChargeId_idx" ON "Order"("stripeChargeId");

-- CreateIndex
CREATE INDEX "Order_paidAt_idx" ON "Order"("paidAt");

-- CreateIndex
CREATE INDEX "Order_status_createdAt_idx" ON "Order"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Refund_createdAt_idx" ON "Refund"("createdAt");
