-- AlterTable
ALTER TABLE "Order" ADD COLUMN "networkStatus" TEXT;
ALTER TABLE "Order" ADD COLUMN "outcomeType" TEXT;
ALTER TABLE "Order" ADD COLUMN "radarRule" TEXT;
ALTER TABLE "Order" ADD COLUMN "riskScore" INTEGER;
ALTER TABLE "Order" ADD COLUMN "sellerMessage" TEXT;

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "stripeReviewId" TEXT NOT NULL,
    "orderId" TEXT,
    "stripeChargeId" TEXT,
    "stripePaymentIntentId" TEXT,
    "open" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL,
    "openedReason" TEXT NOT NULL,
    "closedReason" TEXT,
    "stripeCreated" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Review_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Review_stripeReviewId_key" ON "Review"("stripeReviewId");

-- CreateIndex
CREATE INDEX "Review_orderId_idx" ON "Review"("orderId");

-- CreateIndex
CREATE INDEX "Review_open_createdAt_idx" ON "Review"("open", "createdAt");
