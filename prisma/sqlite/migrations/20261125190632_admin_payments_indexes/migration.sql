-- DropIndex
DROP INDEX "Order_createdAt_idx";

-- CreateIndex
CREATE INDEX "Order_createdAt_id_idx" ON "Order"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Order_email_idx" ON "Order"("email");

-- CreateIndex
CREATE INDEX "Order_currency_createdAt_idx" ON "Order"("currency", "createdAt");
