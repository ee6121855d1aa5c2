// Seeds Payport's catalog into Stripe (the emulator in local mode) and mirrors
// it into the database. Safe to run any number of times.
//   npx tsx scripts/seed-catalog.ts
import { getEnv } from "@/lib/env";
import { getDb } from "@/lib/db";
import { seedCatalog } from "@/lib/catalog/seed";

const env = getEnv();
const target = env.mode === "local" ? `the emulator at ${env.stripeEmulatorUrl}` : `Stripe (${env.mode} mode)`;
try {
  const summary = await seedCatalog();
  console.log(
    `Catalog seeded into ${target}: ${summary.products} products, ${summary.prices} prices` +
      (summary.created.length ? ` (created ${summary.created.join(", ")})` : " (nothing new)"),
  );
} catch (error) {
  console.error(`Seeding the catalog into ${target} failed:`, error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await getDb().$disconnect();
}
