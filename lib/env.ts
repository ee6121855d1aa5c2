// Server configuration, validated once at start-up. Two shapes:
//   no STRIPE_SECRET_KEY  -> local mode: the embedded emulator with fixed keys
//   STRIPE_SECRET_KEY set -> real Stripe: keys must agree on test/live and a
//                            webhook secret is mandatory.
// parseEnv is pure (tests feed it plain objects); getEnv caches process.env.
import { z } from "zod";

export const LOCAL_SECRET_KEY = "sk_test_emulator";
export const LOCAL_PUBLISHABLE_KEY = "pk_test_emulator";
export const LOCAL_WEBHOOK_SECRET = "whsec_payport_local_emulator";
export const DEFAULT_EMULATOR_URL = "http://127.0.0.1:12111";
export const DEFAULT_APP_URL = "http://localhost:3000";
export const DEFAULT_DATABASE_URL = "file:./prisma/dev.db";

export type StripeMode = "local" | "test" | "live";

export type AppEnv = {
  /** local = the emulator; test/live = real Stripe in that mode. */
  mode: StripeMode;
  stripeSecretKey: string;
  stripePublishableKey: string;
  stripeWebhookSecret: string;
  /** Base URL of the emulator in local mode, null with real Stripe. */
  stripeEmulatorUrl: string | null;
  appUrl: string;
  databaseUrl: string;
};

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid Payport configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

// Blank values (`FOO=` in .env) mean "unset", not "empty string".
const optional = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().optional());

const httpUrl = (name: string) =>
  z.url({ protocol: /^https?$/, error: `${name} must be an http(s) URL such as ${name === "APP_URL" ? DEFAULT_APP_URL : DEFAULT_EMULATOR_URL}` });

const rawSchema = z.object({
  STRIPE_SECRET_KEY: optional,
  STRIPE_PUBLISHABLE_KEY: optional,
  STRIPE_WEBHOOK_SECRET: optional,
  STRIPE_EMULATOR_URL: optional.pipe(httpUrl("STRIPE_EMULATOR_URL").optional()),
  APP_URL: optional.pipe(httpUrl("APP_URL").optional()),
  DATABASE_URL: optional.pipe(
    z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "DATABASE_URL must be a SQLite file: URL (file:./prisma/dev.db) or a postgresql:// URL")
      .optional(),
  ),
});

function keyMode(key: string): "test" | "live" | null {
  const m = /^(?:sk|rk|pk)_(test|live)_/.exec(key);
  return m ? (m[1] as "test" | "live") : null;
}

const stripTrailingSlash = (url: string) => url.replace(/\/+$/, "");

export function parseEnv(env: Record<string, string | undefined>): AppEnv {
  const parsed = rawSchema.safeParse(env);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const raw = parsed.data;
  const problems: string[] = [];
  const appUrl = stripTrailingSlash(raw.APP_URL ?? DEFAULT_APP_URL);
  const databaseUrl = raw.DATABASE_URL ?? DEFAULT_DATABASE_URL;

  const secret = raw.STRIPE_SECRET_KEY;
  const publishable = raw.STRIPE_PUBLISHABLE_KEY;

  if (!secret) {
    // A lone real publishable key almost always means the secret key was forgotten.
    if (publishable && publishable !== LOCAL_PUBLISHABLE_KEY) {
      problems.push(
        "STRIPE_PUBLISHABLE_KEY is set but STRIPE_SECRET_KEY is not. Set both (from the Stripe dashboard, API keys) to use real Stripe, or unset both for local mode.",
      );
    }
    if (problems.length) throw new EnvError(problems);
    return {
      mode: "local",
      stripeSecretKey: LOCAL_SECRET_KEY,
      stripePublishableKey: LOCAL_PUBLISHABLE_KEY,
      stripeWebhookSecret: raw.STRIPE_WEBHOOK_SECRET ?? LOCAL_WEBHOOK_SECRET,
      stripeEmulatorUrl: stripTrailingSlash(raw.STRIPE_EMULATOR_URL ?? DEFAULT_EMULATOR_URL),
      appUrl,
      databaseUrl,
    };
  }

  if (secret.startsWith("pk_")) {
    problems.push("STRIPE_SECRET_KEY holds a publishable key (pk_…). Put the secret key (sk_test_… or sk_live_…) there and the pk_ key in STRIPE_PUBLISHABLE_KEY.");
  } else if (!/^(sk|rk)_(test|live)_/.test(secret)) {
    problems.push("STRIPE_SECRET_KEY must start with sk_test_, sk_live_, rk_test_ or rk_live_.");
  }

  if (!publishable) {
    problems.push("STRIPE_PUBLISHABLE_KEY is required with a real STRIPE_SECRET_KEY (pk_test_… or pk_live_…, same mode as the secret key).");
  } else if (/^(sk|rk)_/.test(publishable)) {
    problems.push("STRIPE_PUBLISHABLE_KEY holds a secret key (sk_/rk_…). It is sent to browsers: use the pk_ key there and keep the secret key in STRIPE_SECRET_KEY.");
  } else if (!/^pk_(test|live)_/.test(publishable)) {
    problems.push("STRIPE_PUBLISHABLE_KEY must start with pk_test_ or pk_live_.");
  }

  const secretMode = /^(sk|rk)_/.test(secret) ? keyMode(secret) : null;
  const publishableMode = publishable?.startsWith("pk_") ? keyMode(publishable) : null;
  if (secretMode && publishableMode && secretMode !== publishableMode) {
    problems.push(
      `Stripe keys are from different modes: STRIPE_SECRET_KEY is a ${secretMode} key but STRIPE_PUBLISHABLE_KEY is a ${publishableMode} key. Use both keys from the same mode.`,
    );
  }

  const webhookSecret = raw.STRIPE_WEBHOOK_SECRET;
  if (!webhookSecret) {
    problems.push(
      "STRIPE_WEBHOOK_SECRET is required with real Stripe keys. Locally run `stripe listen --forward-to localhost:3000/api/webhooks/stripe` and copy the whsec_… it prints; in production use the endpoint's signing secret.",
    );
  } else if (!webhookSecret.startsWith("whsec_")) {
    problems.push("STRIPE_WEBHOOK_SECRET must start with whsec_ (the endpoint's signing secret, not an API key).");
  }

  if (problems.length) throw new EnvError(problems);
  return {
    mode: secretMode!,
    stripeSecretKey: secret,
    stripePublishableKey: publishable!,
    stripeWebhookSecret: webhookSecret!,
    stripeEmulatorUrl: null,
    appUrl,
    databaseUrl,
  };
}

const globalForEnv = globalThis as unknown as { __payportEnv?: AppEnv };

/** Validated configuration of this process (parsed on first use, then cached). */
export function getEnv(): AppEnv {
  return (globalForEnv.__payportEnv ??= parseEnv(process.env));
}

/** Tests change process.env between suites; this forgets the cached parse. */
export function resetEnvCache(): void {
  globalForEnv.__payportEnv = undefined;
}
