-- AlterTable
ALTER TABLE "Price" ADD COLUMN "intervalCount" INTEGER;
ALTER TABLE "Price" ADD COLUMN "meterId" TEXT;
ALTER TABLE "Price" ADD COLUMN "trialPeriodDays" INTEGER;
ALTER TABLE "Price" ADD COLUMN "usageType" TEXT;

-- CreateTable
CREATE TABLE "Subscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "stripeSubscriptionId" TEXT NOT NULL,
    "userId" TEXT,
    "stripeCustomerId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "stripePriceId" TEXT,
    "quantity" INTEGER,
    "items" TEXT NOT NULL DEFAULT '[]',
    "cancelAtPeriodEnd" BOOLEAN NOT NULL DEFAULT false,
    "cancelAt" DATETIME,
    "canceledAt" DATETIME,
    "endedAt" DATETIME,
    "currentPeriodStart" DATETIME,
    "currentPeriodEnd" DATETIME,
    "trialStart" DATETIME,
    "trialEnd" DATETIME,
    "latestInvoiceId" TEXT,
    "defaultPaymentMethod" TEXT,
    "stripeUpdatedAt" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Subscription_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Invoice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "stripeInvoiceId" TEXT NOT NULL,
    "stripeCustomerId" TEXT NOT NULL,
    "stripeSubscriptionId" TEXT,
    "number" TEXT,
    "status" TEXT NOT NULL,
    "billingReason" TEXT,
    "currency" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "amountDue" INTEGER NOT NULL,
    "amountPaid" INTEGER NOT NULL,
    "amountRemaining" INTEGER NOT NULL,
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "nextPaymentAttempt" DATETIME,
    "hostedInvoiceUrl" TEXT,
    "invoicePdf" TEXT,
    "periodStart" DATETIME,
    "periodEnd" DATETIME,
    "stripeCreatedAt" DATETIME NOT NULL,
    "stripeUpdatedAt" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PaymentMethodSummary" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "stripePaymentMethodId" TEXT NOT NULL,
    "stripeCustomerId" TEXT NOT NULL,
    "brand" TEXT,
    "last4" TEXT,
    "expMonth" INTEGER,
    "expYear" INTEGER,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "UsageApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    CONSTRAINT "UsageApiKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Product" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "stripeProductId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "imageUrl" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "kind" TEXT NOT NULL DEFAULT 'good',
    "features" TEXT,
    "stripeSyncedAt" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Product" ("active", "createdAt", "description", "id", "imageUrl", "name", "stripeProductId", "stripeSyncedAt", "updatedAt") SELECT "active", "createdAt", "description", "id", "imageUrl", "name", "stripeProductId", "stripeSyncedAt", "updatedAt" FROM "Product";
DROP TABLE "Product";
ALTER TABLE "new_Product" RENAME TO "Product";
CREATE UNIQUE INDEX "Product_stripeProductId_key" ON "Product"("stripeProductId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_stripeSubscriptionId_key" ON "Subscription"("stripeSubscriptionId");

-- CreateIndex
CREATE INDEX "Subscription_userId_idx" ON "Subscription"("userId");

-- CreateIndex
CREATE INDEX "Subscription_stripeCustomerId_idx" ON "Subscription"("stripeCustomerId");

-- CreateIndex
CREATE INDEX "Subscription_status_idx" ON "Subscription"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_stripeInvoiceId_key" ON "Invoice"("stripeInvoiceId");

-- CreateIndex
CREATE INDEX "Invoice_stripeCustomerId_stripeCreatedAt_idx" ON "Invoice"("stripeCustomerId", "stripeCreatedAt");

-- CreateIndex
CREATE INDEX "Invoice_stripeSubscriptionId_idx" ON "Invoice"("stripeSubscriptionId");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentMethodSummary_stripePaymentMethodId_key" ON "PaymentMethodSummary"("stripePaymentMethodId");

-- CreateIndex
CREATE INDEX "PaymentMethodSummary_stripeCustomerId_idx" ON "PaymentMethodSummary"("stripeCustomerId");

-- CreateIndex
CREATE UNIQUE INDEX "UsageApiKey_keyHash_key" ON "UsageApiKey"("keyHash");

-- CreateIndex
CREATE INDEX "UsageApiKey_userId_idx" ON "UsageApiKey"("userId");
