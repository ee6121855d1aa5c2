-- AlterTable
ALTER TABLE "StripeEvent" ADD COLUMN "otherApiVersion" TEXT;

-- CreateTable
CREATE TABLE "StripeAppSignatureUse" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "expiresAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AppInstallation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "livemode" BOOLEAN NOT NULL DEFAULT false,
    "applicationId" TEXT,
    "status" TEXT NOT NULL,
    "authorizedAt" DATETIME,
    "deauthorizedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_AppInstallation" ("accountId", "applicationId", "authorizedAt", "deauthorizedAt", "id", "status", "updatedAt") SELECT "accountId", "applicationId", "authorizedAt", "deauthorizedAt", "id", "status", "updatedAt" FROM "AppInstallation";
DROP TABLE "AppInstallation";
ALTER TABLE "new_AppInstallation" RENAME TO "AppInstallation";
CREATE UNIQUE INDEX "AppInstallation_accountId_livemode_key" ON "AppInstallation"("accountId", "livemode");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "StripeAppSignatureUse_expiresAt_idx" ON "StripeAppSignatureUse"("expiresAt");

-- CreateIndex
CREATE INDEX "StripeEvent_otherApiVersion_receivedAt_idx" ON "StripeEvent"("otherApiVersion", "receivedAt");
