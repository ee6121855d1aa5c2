// The permissions a restricted Stripe key needs (lib/stripe/permissions.ts):
//   npx tsx scripts/stripe-permissions.ts                 # print the README's table
//   npx tsx scripts/stripe-permissions.ts --write-readme  # rewrite it in README.md
//   npx tsx scripts/stripe-permissions.ts --check         # probe the configured key (STRIPE_SECRET_KEY)
// --check exits 1 when a permission is missing (each one logged), 2 when Stripe could not tell.
import { readFileSync, writeFileSync } from "node:fs";
import { getEnv } from "@/lib/env";
import { createStripeClient } from "@/lib/stripe/client";
import { verifyKeyPermissions } from "@/lib/stripe/permission-check";
import { permissionsTableMarkdown } from "@/lib/stripe/permissions";

export const README_START = "<!-- stripe-permissions:start (npx tsx scripts/stripe-permissions.ts --write-readme) -->";
export const README_END = "<!-- stripe-permissions:end -->";

export function withPermissionsTable(readme: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start === -1 || end < start) throw new Error(`README.md has no ${README_START} … ${README_END} block`);
  return `${readme.slice(0, start + README_START.length)}\n${permissionsTableMarkdown()}\n${readme.slice(end)}`;
}

async function main(argv: string[]) {
  if (argv.includes("--write-readme")) {
    writeFileSync("README.md", withPermissionsTable(readFileSync("README.md", "utf8")));
    console.log("README.md: permissions table updated.");
  } else if (argv.includes("--check")) {
    const report = await verifyKeyPermissions(createStripeClient(getEnv()));
    if (!report) console.log("STRIPE_SECRET_KEY is a secret key (sk_): it holds every permission.");
    else if (report.ok) console.log(`The restricted key holds all ${report.checked} permissions Payport needs.`);
    else process.exit("missing" in report ? 1 : 2);
  } else {
    console.log(permissionsTableMarkdown());
  }
}

if (process.argv[1]?.endsWith("stripe-permissions.ts")) void main(process.argv.slice(2));
