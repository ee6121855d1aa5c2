// Seeds Payport's catalog into Stripe (the emulator in local mode) and mirrors
// it into the database. Safe to run any number of times. In local mode only
// (no Stripe keys) it also creates the documented admin account.
//   npx tsx scripts/seed-catalog.ts
import { getEnv } from "@/lib/env";
import { getDb } from "@/lib/db";
import { seedCatalog } from "@/lib/catalog/seed";
import { LOCAL_ADMIN, seedLocalAdmin } from "@/lib/auth/users";
import { DEMO_PROMOTION_CODE, seedDemoPromotionCode } from "@/lib/catalog/demo-promotion";

const env = getEnv();
const target = env.mode === "local" ? `the emulator at ${env.stripeEmulatorUrl}` : `Stripe (${env.mode} mode)`;
try {
  const summary = await seedCatalog();
  console.log(
    `Catalog seeded into ${target}: ${summary.products} products, ${summary.prices} prices` +
      (summary.created.length ? ` (${summary.created.length} created)` : " (nothing new)"),
  );
  // Never with real keys: a known password must not guard real payment data.
  if (env.mode === "local" && (await seedDemoPromotionCode())) {
    console.log(`Promotion code ${DEMO_PROMOTION_CODE} created: 25% off a subscription's first invoice (local mode only)`);
  }
  // Its sign-in is printed with the start-up banner (scripts/start-banner.ts).
  if (env.mode === "local" && (await seedLocalAdmin())) console.log(`Local admin ${LOCAL_ADMIN.email} created (local mode only)`);
} catch (error) {
  console.error(`Seeding the catalog into ${target} failed:`, error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await getDb().$disconnect();
}
