// Run by `npm run dev` before anything starts: a configuration mistake stops
// start-up with the list of variables to fix, not a stack trace.
import { EnvError, parseEnv } from "../lib/env";
import { parseRateLimitEnv } from "../lib/http/rate-limits";
import { parseMailEnv } from "../lib/mail/config";

try {
  const env = parseEnv(process.env);
  parseRateLimitEnv(process.env);
  parseMailEnv(process.env);
  console.log(`Configuration OK: Stripe ${env.mode === "local" ? "emulator (local mode)" : `${env.mode} mode`}.`);
  if (env.stripeSecretKey.startsWith("rk_"))
    console.log("STRIPE_SECRET_KEY is a restricted key: the app checks its permissions when it starts (or now: npx tsx scripts/stripe-permissions.ts --check).");
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(`\n${error.message}\n\nSee .env.example for every setting.`);
  process.exit(2);
}
