-- AlterTable
ALTER TABLE "Order" ADD COLUMN "cartId" TEXT;

-- AlterTable
ALTER TABLE "Price" ADD COLUMN "stripeSyncedAt" INTEGER;

-- AlterTable
ALTER TABLE "Product" ADD COLUMN "stripeSyncedAt" INTEGER;

-- AlterTable
ALTER TABLE "Refund" ADD COLUMN "failureReason" TEXT;
ALTER TABLE "Refund" ADD COLUMN "statusAt" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "Order_cartId_key" ON "Order"("cartId");
