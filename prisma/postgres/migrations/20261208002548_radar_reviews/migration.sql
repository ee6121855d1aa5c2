-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "networkStatus" TEXT,
ADD COLUMN     "outcomeType" TEXT,
ADD COLUMN     "radarRule" TEXT,
ADD COLUMN     "riskScore" INTEGER,
ADD COLUMN     "sellerMessage" TEXT;

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL,
    "stripeReviewId" TEXT NOT NULL,
    "orderId" TEXT,
    "stripeChargeId" TEXT,
    "stripePaymentIntentId" TEXT,
    "open" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL,
    "openedReason" TEXT NOT NULL,
    "closedReason" TEXT,
    "stripeCreated" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Review_stripeReviewId_key" ON "Review"("stripeReviewId");

-- CreateIndex
CREATE INDEX "Review_orderId_idx" ON "Review"("orderId");

-- CreateIndex
CREATE INDEX "Review_open_createdAt_idx" ON "Review"("open", "createdAt");

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE SET NULL ON UPDATE CASCADE;
