// Fails when a secret could reach a browser: everything under .next/static
// (every file the browser may download from the build) and public/ is searched
// for this configuration's secrets (Stripe secret key, webhook secret,
// NEXTAUTH_SECRET, the Stripe App secrets, GitHub's client secret; the
// local-mode defaults when unset) and for anything shaped like a Stripe secret.
// `npm test` runs it right after `next build`; on its own:
//   npx tsx scripts/scan-build-secrets.ts [dir …]
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseAuthEnv, parseEnv, parseStripeAppEnv } from "@/lib/env";

/** Shapes of Stripe secrets: secret and restricted API keys, webhook signing secrets. */
export const SECRET_PATTERNS: { name: string; pattern: RegExp }[] = [
  { name: "Stripe secret key", pattern: /\bsk_(?:test|live)_[A-Za-z0-9_]{8,}/g },
  { name: "Stripe restricted key", pattern: /\brk_(?:test|live)_[A-Za-z0-9_]{8,}/g },
  { name: "Stripe webhook secret", pattern: /\bwhsec_[A-Za-z0-9_+/=]{8,}/g },
];

export type Leak = { file: string; what: string; sample: string };

/** This configuration's secrets, named by their variables, as the app itself resolves them. */
export function configuredSecrets(env: Record<string, string | undefined>): { name: string; value: string }[] {
  const app = parseEnv(env);
  const auth = parseAuthEnv(env, app);
  const stripeApp = parseStripeAppEnv(env);
  const secrets = [
    { name: "STRIPE_SECRET_KEY", value: app.stripeSecretKey },
    { name: "STRIPE_WEBHOOK_SECRET", value: app.stripeWebhookSecret },
    { name: "NEXTAUTH_SECRET", value: auth.secret },
    ...(stripeApp.configured ? stripeApp.secrets.map((value, i) => ({ name: i === 0 ? "STRIPE_APP_SECRET" : "STRIPE_APP_SECRET_PREVIOUS", value })) : []),
    ...(auth.github ? [{ name: "GITHUB_SECRET", value: auth.github.clientSecret }] : []),
  ];
  // A very short value would match by accident; parseEnv already refuses short real secrets.
  return secrets.filter((s) => s.value.length >= 8);
}

function* filesUnder(dir: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // a folder that does not exist holds no secret
  }
  for (const entry of entries) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(file);
    else if (entry.isFile()) yield file;
  }
}

/** The first 12 characters only: the report must not become the leak. */
const mask = (value: string) => `${value.slice(0, 12)}…`;

export function findSecrets(dirs: string[], secrets: { name: string; value: string }[]): Leak[] {
  const leaks: Leak[] = [];
  for (const dir of dirs) {
    for (const file of filesUnder(dir)) {
      const text = readFileSync(file).toString("latin1");
      for (const { name, value } of secrets) {
        if (text.includes(value)) leaks.push({ file, what: name, sample: mask(value) });
      }
      for (const { name, pattern } of SECRET_PATTERNS) {
        for (const match of text.matchAll(pattern)) leaks.push({ file, what: name, sample: mask(match[0]) });
      }
    }
  }
  return leaks;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const dirs = process.argv.length > 2 ? process.argv.slice(2) : [".next/static", "public"];
  const leaks = findSecrets(dirs, configuredSecrets(process.env));
  if (leaks.length) {
    console.error(`✗ Secrets in files a browser can download (${dirs.join(", ")}):`);
    for (const leak of leaks) console.error(`  ${leak.file}: ${leak.what} (${leak.sample})`);
    console.error("A server-only module is imported by client code, or a secret is in a NEXT_PUBLIC_ variable.");
    process.exit(1);
  }
  console.log(`✓ No secrets in ${dirs.join(", ")}`);
}
