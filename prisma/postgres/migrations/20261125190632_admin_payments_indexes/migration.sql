-- DropIndex
DROP INDEX "Order_createdAt_idx";

-- CreateIndex
CREATE INDEX "Order_createdAt_id_idx" ON "Order"("createdAt", "id");

-- CreateIndex
-- Edited by hand: text_pattern_ops lets the admin search's LIKE 'prefix%' use this
-- index whatever the database collation (a plain btree only serves it under "C").
CREATE INDEX "Order_email_idx" ON "Order"("email" text_pattern_ops);

-- CreateIndex
CREATE INDEX "Order_currency_createdAt_idx" ON "Order"("currency", "createdAt");
