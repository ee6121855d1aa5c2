// Server configuration, validated once at start-up. Two shapes:
//   no STRIPE_SECRET_KEY  -> local mode: the embedded emulator with fixed keys
//                            (or one of the emulator's own secret keys, e.g. a restricted key it minted)
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

/**
 * The emulator's own secret keys: sk_test_emulator, rk_test_emulator and the restricted keys it
 * mints (rk_test_emulator_…, POST /_emulator/restricted_keys). With one of them Payport stays in
 * local mode, talking to the emulator with that key.
 */
export function isEmulatorSecretKey(key: string): boolean {
  return /^(sk|rk)_test_emulator(_[A-Za-z0-9]+)?$/.test(key);
}

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

  if (!secret || isEmulatorSecretKey(secret)) {
    // A lone real publishable key almost always means the secret key was forgotten.
    if (publishable && publishable !== LOCAL_PUBLISHABLE_KEY) {
      problems.push(
        secret
          ? `STRIPE_SECRET_KEY is an emulator key (local mode) but STRIPE_PUBLISHABLE_KEY is not ${LOCAL_PUBLISHABLE_KEY}. Unset STRIPE_PUBLISHABLE_KEY for local mode, or set both keys from the Stripe dashboard to use real Stripe.`
          : "STRIPE_PUBLISHABLE_KEY is set but STRIPE_SECRET_KEY is not. Set both (from the Stripe dashboard, API keys) to use real Stripe, or unset both for local mode.",
      );
    }
    if (problems.length) throw new EnvError(problems);
    return {
      mode: "local",
      stripeSecretKey: secret ?? LOCAL_SECRET_KEY,
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

// ---------------------------------------------------------------------------
// Private Stripe App backend (app/api/stripe-app). Kept apart from AppEnv so
// the Stripe keys' configuration and its tests stay independent of it.
//   STRIPE_APP_SECRET           the app's signing secret (app details page,
//                               "Signing secret", after `stripe apps upload`).
//   STRIPE_APP_SECRET_PREVIOUS  the secret being rotated out; accepted too
//                               until you remove it.
//   STRIPE_ACCOUNT_ID           our Stripe account (acct_…): the only account
//                               whose Dashboard users may call the backend.
//   STRIPE_APP_ALLOWED_ROLES    optional comma list of Dashboard role ids; when
//                               set, requests that send stripe_roles need one.
// Local mode (no STRIPE_SECRET_KEY) defaults to LOCAL_STRIPE_APP_SECRET and
// LOCAL_STRIPE_ACCOUNT_ID so `npm run dev` works with no keys; with real keys
// there is no default and the routes answer 503 until both are set.

/** Public local-mode signing secret; refused with real Stripe keys. */
export const LOCAL_STRIPE_APP_SECRET = "absec_local_payport";
export const LOCAL_STRIPE_ACCOUNT_ID = "acct_local_payport";

export type StripeAppEnv =
  | { configured: false; reason: string }
  | {
      configured: true;
      /** Secrets a signature may be made with: the current one first, then the previous one during a rotation. */
      secrets: string[];
      accountId: string;
      /** Role ids allowed to use the app when the request sends stripe_roles; null = any role. */
      allowedRoles: string[] | null;
    };

const rawStripeAppSchema = z.object({
  STRIPE_SECRET_KEY: optional,
  STRIPE_APP_SECRET: optional,
  STRIPE_APP_SECRET_PREVIOUS: optional,
  STRIPE_ACCOUNT_ID: optional.pipe(z.string().regex(/^acct_[A-Za-z0-9_]+$/, "STRIPE_ACCOUNT_ID must be a Stripe account id such as acct_1Abc… (Dashboard → Settings → Account details)").optional()),
  STRIPE_APP_ALLOWED_ROLES: optional,
});

const looksLikeApiKey = (value: string) => /^(sk|rk|pk)_(test|live)_/.test(value);

export function parseStripeAppEnv(env: Record<string, string | undefined>): StripeAppEnv {
  const parsed = rawStripeAppSchema.safeParse(env);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const raw = parsed.data;
  const local = !raw.STRIPE_SECRET_KEY || isEmulatorSecretKey(raw.STRIPE_SECRET_KEY);
  const problems: string[] = [];
  const secret = raw.STRIPE_APP_SECRET ?? (local ? LOCAL_STRIPE_APP_SECRET : undefined);
  const accountId = raw.STRIPE_ACCOUNT_ID ?? (local ? LOCAL_STRIPE_ACCOUNT_ID : undefined);

  for (const name of ["STRIPE_APP_SECRET", "STRIPE_APP_SECRET_PREVIOUS"] as const) {
    const value = raw[name];
    if (value && looksLikeApiKey(value)) problems.push(`${name} holds an API key; use the app's signing secret (app details page → Signing secret).`);
    if (value && !local && value === LOCAL_STRIPE_APP_SECRET) problems.push(`${name} is the public local-mode default; with real Stripe keys use your app's signing secret.`);
  }
  if (raw.STRIPE_APP_SECRET_PREVIOUS && !raw.STRIPE_APP_SECRET && !local) {
    problems.push("STRIPE_APP_SECRET_PREVIOUS is set without STRIPE_APP_SECRET: set the new secret too (the previous one is only accepted during a rotation).");
  }
  if (problems.length) throw new EnvError(problems);

  if (!secret || !accountId) {
    const missing = [!secret && "STRIPE_APP_SECRET", !accountId && "STRIPE_ACCOUNT_ID"].filter(Boolean).join(" and ");
    return { configured: false, reason: `The Stripe App backend is not configured: set ${missing}.` };
  }
  const previous = raw.STRIPE_APP_SECRET_PREVIOUS;
  const roles = raw.STRIPE_APP_ALLOWED_ROLES?.split(",").map((r) => r.trim()).filter(Boolean) ?? [];
  return {
    configured: true,
    secrets: previous && previous !== secret ? [secret, previous] : [secret],
    accountId,
    allowedRoles: roles.length ? roles : null,
  };
}

const globalForStripeAppEnv = globalThis as unknown as { __payportStripeAppEnv?: { for: AppEnv; value: StripeAppEnv } };

/** Stripe App configuration of this process; re-read whenever resetEnvCache() makes getEnv() parse again. */
export function getStripeAppEnv(): StripeAppEnv {
  const app = getEnv();
  const cached = globalForStripeAppEnv.__payportStripeAppEnv;
  if (cached?.for === app) return cached.value;
  const value = parseStripeAppEnv(process.env);
  globalForStripeAppEnv.__payportStripeAppEnv = { for: app, value };
  return value;
}

const globalForEnv = globalThis as unknown as { __payportEnv?: AppEnv };

/** Validated configuration of this process (parsed on first use, then cached). */
export function getEnv(): AppEnv {
  return (globalForEnv.__payportEnv ??= parseEnv(process.env));
}

/** Tests change process.env between suites; this forgets the cached parse. */
export function resetEnvCache(): void {
  globalForEnv.__payportEnv = undefined;
  globalForAuthEnv.__payportAuthEnv = undefined;
}

// ---------------------------------------------------------------------------
// Sign-in (next-auth). Kept apart from AppEnv so Stripe configuration and its
// tests stay independent of it; validated at boot by instrumentation.ts too.
//   NEXTAUTH_SECRET  signs session cookies. Required with real Stripe keys; in
//                    local mode (no keys) it defaults to LOCAL_NEXTAUTH_SECRET.
//   NEXTAUTH_URL     the app's public URL as the browser sees it; defaults to APP_URL.
//   GITHUB_ID/GITHUB_SECRET  enable "Continue with GitHub" (both or neither).

/** Local-mode default for NEXTAUTH_SECRET; refused with real Stripe keys. */
export const LOCAL_NEXTAUTH_SECRET = "payport-local-mode-only-nextauth-secret";
const MIN_NEXTAUTH_SECRET_LENGTH = 32;

export type AuthEnv = {
  secret: string;
  /** Origin next-auth builds its callback and redirect URLs from. */
  url: string;
  github: { clientId: string; clientSecret: string } | null;
};

const rawAuthSchema = z.object({
  NEXTAUTH_SECRET: optional,
  NEXTAUTH_URL: optional.pipe(z.url({ protocol: /^https?$/, error: "NEXTAUTH_URL must be an http(s) URL such as http://localhost:3000" }).optional()),
  GITHUB_ID: optional,
  GITHUB_SECRET: optional,
});

export function parseAuthEnv(env: Record<string, string | undefined>, app: Pick<AppEnv, "mode" | "appUrl"> = parseEnv(env)): AuthEnv {
  const parsed = rawAuthSchema.safeParse(env);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const raw = parsed.data;
  const problems: string[] = [];
  const generate = "Generate one with `openssl rand -base64 32`.";

  let secret = raw.NEXTAUTH_SECRET;
  if (!secret) {
    if (app.mode === "local") secret = LOCAL_NEXTAUTH_SECRET;
    else problems.push(`NEXTAUTH_SECRET is required with real Stripe keys: it signs the session cookies. ${generate}`);
  } else if (app.mode !== "local" && secret === LOCAL_NEXTAUTH_SECRET) {
    problems.push(`NEXTAUTH_SECRET is the public local-mode default; with real Stripe keys use a secret of your own. ${generate}`);
  } else if (secret.length < MIN_NEXTAUTH_SECRET_LENGTH) {
    problems.push(`NEXTAUTH_SECRET must be at least ${MIN_NEXTAUTH_SECRET_LENGTH} characters. ${generate}`);
  }

  if (Boolean(raw.GITHUB_ID) !== Boolean(raw.GITHUB_SECRET)) {
    problems.push("GITHUB_ID and GITHUB_SECRET enable GitHub sign-in together: set both (from your GitHub OAuth app) or neither.");
  }

  if (problems.length) throw new EnvError(problems);
  return {
    secret: secret!,
    url: stripTrailingSlash(raw.NEXTAUTH_URL ?? app.appUrl),
    github: raw.GITHUB_ID && raw.GITHUB_SECRET ? { clientId: raw.GITHUB_ID, clientSecret: raw.GITHUB_SECRET } : null,
  };
}

const globalForAuthEnv = globalThis as unknown as { __payportAuthEnv?: AuthEnv };

/** Validated sign-in configuration of this process (parsed on first use, then cached). */
export function getAuthEnv(): AuthEnv {
  return (globalForAuthEnv.__payportAuthEnv ??= parseAuthEnv(process.env, getEnv()));
}
