// Every rate limit of the app, in one table, and their configuration from the
// environment (validated with zod like lib/env.ts). The counters themselves
// live in lib/http/rate-limiter.ts; routes name a limit with
// `route({ limit: "checkout" })`, sign-in uses lib/auth/sign-in-throttle.ts.
//
//   RATE_LIMIT_<RULE>   "<points>/<window>", e.g. "30/1h", "5/15m", "100/1d", "120/60s"
//   RATE_LIMIT_SCALE    multiplies every rule's points (load tests: 1000); default 1
//   RATE_LIMITS         "off" disables every limit (local load tests only); default on
//   TRUST_PROXY         how many proxies in front of the app append to
//                       X-Forwarded-For (1 = one load balancer); unset = none,
//                       and every client shares the per-IP bucket "local"
import { z } from "zod";
import { EnvError } from "@/lib/env";

/** What a rule counts per. */
export type RateLimitKey = "ip" | "user" | "caller" | "bearer" | "email+ip";

type Rule = { env: string; per: RateLimitKey; points: number; windowSeconds: number; counts: string };

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const RATE_LIMIT_RULES = {
  // Brute force: failures only (a success resets it). Reaching the limit blocks
  // that email from that IP for the window, doubled on each repeat within a day (at most a day).
  signInPerAccount: { env: "RATE_LIMIT_SIGN_IN_PER_ACCOUNT", per: "email+ip", points: 5, windowSeconds: 15 * MINUTE, counts: "failed sign-ins of one email from one IP" },
  signInPerIp: { env: "RATE_LIMIT_SIGN_IN_PER_IP", per: "ip", points: 100, windowSeconds: DAY, counts: "failed sign-ins from one IP, any email" },
  signUpPerIp: { env: "RATE_LIMIT_SIGN_UP_PER_IP", per: "ip", points: 20, windowSeconds: HOUR, counts: "accounts created from one IP" },
  // Card testing: each checkout creates a PaymentIntent.
  checkoutPerIp: { env: "RATE_LIMIT_CHECKOUT_PER_IP", per: "ip", points: 30, windowSeconds: HOUR, counts: "POST /api/checkout from one IP" },
  checkoutPerUser: { env: "RATE_LIMIT_CHECKOUT_PER_USER", per: "user", points: 20, windowSeconds: HOUR, counts: "POST /api/checkout by one signed-in account" },
  // Subscriptions, SetupIntents, paying an invoice, changing plan: each one a payment or a card check at Stripe.
  billingPaymentPerUser: { env: "RATE_LIMIT_BILLING_PAYMENT_PER_USER", per: "user", points: 10, windowSeconds: HOUR, counts: "subscribe / add card / pay invoice / change plan by one account" },
  billingPaymentPerIp: { env: "RATE_LIMIT_BILLING_PAYMENT_PER_IP", per: "ip", points: 30, windowSeconds: HOUR, counts: "the same from one IP" },
  stripeAppPerCaller: { env: "RATE_LIMIT_STRIPE_APP_PER_USER", per: "caller", points: 120, windowSeconds: MINUTE, counts: "Stripe App requests of one Dashboard user of one account" },
  usagePerKey: { env: "RATE_LIMIT_USAGE_PER_KEY", per: "bearer", points: 600, windowSeconds: MINUTE, counts: "POST /api/usage with one usage key" },
} as const satisfies Record<string, Rule>;

export type RateLimitRuleName = keyof typeof RATE_LIMIT_RULES;

/** The limits a route can name: the rules it spends a point of, and the words of its 429 ("… Try again in 5 minutes."). */
export const ROUTE_LIMITS = {
  "sign-up": { rules: ["signUpPerIp"], message: "Too many accounts were created from your network." },
  checkout: { rules: ["checkoutPerIp", "checkoutPerUser"], message: "Too many checkout attempts." },
  "billing-payment": { rules: ["billingPaymentPerUser", "billingPaymentPerIp"], message: "Too many payment attempts." },
  "stripe-app": { rules: ["stripeAppPerCaller"], message: "Too many requests from this Dashboard user." },
  usage: { rules: ["usagePerKey"], message: "Too many usage reports with this key; send a larger value per report instead." },
} as const satisfies Record<string, { rules: readonly RateLimitRuleName[]; message: string }>;

export type RouteLimitName = keyof typeof ROUTE_LIMITS;

export const SIGN_IN_THROTTLED_MESSAGE = "Too many sign-in attempts.";

/** Longest block a repeated sign-in offender gets. */
export const MAX_SIGN_IN_BLOCK_SECONDS = DAY;

export type RateLimitRule = { per: RateLimitKey; points: number; windowSeconds: number };

export type RateLimitConfig = {
  enabled: boolean;
  rules: Record<RateLimitRuleName, RateLimitRule>;
  /** Proxies in front of the app that append to X-Forwarded-For; 0 = trust none. */
  trustProxyHops: number;
};

const UNIT_SECONDS = { s: 1, m: MINUTE, h: HOUR, d: DAY } as const;

const blankIsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const ruleValue = (name: string) =>
  z.preprocess(
    blankIsUnset,
    z
      .string()
      .trim()
      .regex(/^\d+\/\d+[smhd]?$/, `${name} must be "<points>/<window>", e.g. 30/1h, 5/15m or 100/1d (s, m, h, d; plain seconds otherwise)`)
      .transform((v) => {
        const [, points, amount, unit] = /^(\d+)\/(\d+)([smhd]?)$/.exec(v)!;
        return { points: Number(points), windowSeconds: Number(amount) * UNIT_SECONDS[(unit || "s") as keyof typeof UNIT_SECONDS] };
      })
      .refine((r) => r.points >= 1 && r.windowSeconds >= 1, `${name} needs at least 1 point and a window of at least 1 second`)
      .optional(),
  );

const rawSchema = z.object({
  RATE_LIMITS: z.preprocess(blankIsUnset, z.enum(["on", "off"], { error: 'RATE_LIMITS must be "on" or "off"' }).optional()),
  RATE_LIMIT_SCALE: z.preprocess(blankIsUnset, z.coerce.number({ error: "RATE_LIMIT_SCALE must be a number such as 10" }).positive("RATE_LIMIT_SCALE must be above 0").optional()),
  TRUST_PROXY: z.preprocess(
    blankIsUnset,
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^(true|false|\d{1,2})$/, "TRUST_PROXY must be the number of proxies in front of the app (1 for one load balancer), true (= 1) or false")
      .transform((v) => (v === "true" ? 1 : v === "false" ? 0 : Number(v)))
      .optional(),
  ),
  ...(Object.fromEntries(Object.values(RATE_LIMIT_RULES).map((rule) => [rule.env, ruleValue(rule.env)])) as Record<string, ReturnType<typeof ruleValue>>),
});

export function parseRateLimitEnv(env: Record<string, string | undefined>): RateLimitConfig {
  const parsed = rawSchema.safeParse(env);
  if (!parsed.success) throw new EnvError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  const raw = parsed.data as Record<string, unknown> & z.output<typeof rawSchema>;
  const scale = raw.RATE_LIMIT_SCALE ?? 1;
  const rules = Object.fromEntries(
    (Object.entries(RATE_LIMIT_RULES) as [RateLimitRuleName, Rule][]).map(([name, rule]) => {
      const configured = raw[rule.env] as { points: number; windowSeconds: number } | undefined;
      const points = configured?.points ?? rule.points;
      return [name, { per: rule.per, points: Math.max(1, Math.round(points * scale)), windowSeconds: configured?.windowSeconds ?? rule.windowSeconds }];
    }),
  ) as Record<RateLimitRuleName, RateLimitRule>;
  return { enabled: raw.RATE_LIMITS !== "off", rules, trustProxyHops: raw.TRUST_PROXY ?? 0 };
}

/** "15 minutes", "2 hours", "30 seconds": how long a person has to wait, rounded up. */
export function waitWords(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (seconds < MINUTE) return plural(Math.max(1, Math.ceil(seconds)), "second");
  const minutes = Math.ceil(seconds / MINUTE);
  return minutes < 60 ? plural(minutes, "minute") : plural(Math.ceil(seconds / HOUR), "hour");
}
