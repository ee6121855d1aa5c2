// Repairs our tables from Stripe where a webhook was missed:
//   npm run reconcile                       # the last 7 days
//   npm run reconcile -- --since 2026-11-01 # or unix seconds
// Uses DATABASE_URL and the Stripe keys (or the local emulator) like the app.
// Exits 1 when an object could not be applied (listed under "errors").
import os from "node:os";
import { getDb } from "@/lib/db";
import { HttpError } from "@/lib/errors";
import { runReconcile } from "@/lib/reconcile/actions";

const DEFAULT_DAYS = 7;

function sinceArgument(argv: string[]): string {
  const flag = argv.findIndex((a) => a === "--since" || a.startsWith("--since="));
  if (flag === -1) return String(Math.floor(Date.now() / 1000) - DEFAULT_DAYS * 86_400);
  const value = argv[flag].includes("=") ? argv[flag].split("=")[1] : argv[flag + 1];
  if (!value) {
    console.error("Usage: npm run reconcile [-- --since <ISO date | unix seconds>]");
    process.exit(2);
  }
  return value;
}

try {
  const report = await runReconcile({ since: sinceArgument(process.argv.slice(2)) }, { id: null, email: `cli:${os.userInfo().username}` });
  console.log(`Reconciled Stripe objects created since ${report.since}`);
  for (const [kind, { seen, changed }] of Object.entries(report.counts)) console.log(`  ${kind.padEnd(16)} ${String(seen).padStart(6)} seen ${String(changed).padStart(6)} repaired`);
  for (const change of report.changes) {
    const fields = Object.entries(change.fields).map(([k, [from, to]]) => `${k}: ${JSON.stringify(from)} → ${JSON.stringify(to)}`).join(", ");
    console.log(`${change.action} ${change.table} ${change.rowId} (${change.stripeId}): ${fields}`);
  }
  for (const error of report.errors) console.error(`error ${error.kind} ${error.stripeId}: ${error.message}`);
  if (report.changes.length === 0 && report.errors.length === 0) console.log("Nothing to repair: the database matches Stripe.");
  if (report.errors.length > 0) process.exitCode = 1;
} catch (error) {
  console.error(error instanceof HttpError ? error.message : error);
  process.exitCode = 1;
} finally {
  await getDb().$disconnect();
}
