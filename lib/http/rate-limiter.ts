// The counters behind lib/http/rate-limits.ts (rate-limiter-flexible):
//   PostgreSQL DATABASE_URL -> RateLimiterPostgres on a `pg` pool, so every
//       app instance shares the counts. Its table lives in its own schema
//       (rate_limits.counters, created on first use), outside Prisma's `public`
//       schema: migrations and `prisma migrate dev` never see it.
//   SQLite (one process)   -> RateLimiterMemory.
// A store that fails (PostgreSQL down, no right to create the schema) never
// turns into a 5xx: each limiter's insurance is a memory limiter with the same
// rule, used with a logged warning until the store answers again.
import { createHash } from "node:crypto";
import pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { isPostgresUrl } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { TooManyRequestsError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import {
  parseRateLimitEnv,
  ROUTE_LIMITS,
  waitWords,
  type RateLimitConfig,
  type RateLimitKey,
  type RateLimitRule,
  type RateLimitRuleName,
  type RouteLimitName,
} from "@/lib/http/rate-limits";
import { log } from "@/lib/observability/log";

export const RATE_LIMIT_SCHEMA = "rate_limits";
export const RATE_LIMIT_TABLE = "counters";
// After a failed store set-up, try again at most this often.
const SETUP_RETRY_MS = 30_000;
// One warning per outage, not one per request.
const WARN_EVERY_MS = 60_000;

let lastWarning = 0;
function warnStoreDown(error: unknown): void {
  if (Date.now() - lastWarning < WARN_EVERY_MS) return;
  lastWarning = Date.now();
  log.warn("rate limits: the PostgreSQL store is unreachable; counting in this process's memory until it answers", { error });
}

/** Memory limiter that says so when it stands in for the store (the library calls it only on store errors). */
class InsuranceLimiter extends RateLimiterMemory {
  override consume(...args: Parameters<RateLimiterMemory["consume"]>) {
    warnStoreDown("a query failed");
    return super.consume(...args);
  }
  override get(...args: Parameters<RateLimiterMemory["get"]>) {
    warnStoreDown("a query failed");
    return super.get(...args);
  }
  override penalty(...args: Parameters<RateLimiterMemory["penalty"]>) {
    warnStoreDown("a query failed");
    return super.penalty(...args);
  }
  override block(...args: Parameters<RateLimiterMemory["block"]>) {
    warnStoreDown("a query failed");
    return super.block(...args);
  }
  override delete(...args: Parameters<RateLimiterMemory["delete"]>) {
    warnStoreDown("a query failed");
    return super.delete(...args);
  }
}

type LimiterOptions = { keyPrefix: string; points: number; duration: number };

interface CounterStore {
  readonly kind: "memory" | "postgres";
  limiter(options: LimiterOptions): Promise<RateLimiterAbstract>;
  close(): Promise<void>;
}

export function memoryStore(): CounterStore {
  const limiters = new Map<string, RateLimiterAbstract>();
  return {
    kind: "memory",
    async limiter(options) {
      const found = limiters.get(options.keyPrefix);
      if (found) return found;
      const created = new RateLimiterMemory(options);
      limiters.set(options.keyPrefix, created);
      return created;
    },
    async close() {},
  };
}

export function postgresStore(connectionString: string): CounterStore {
  // Small and quick to give up: a throttling check must never hold a request for long.
  const pool = new pg.Pool({ connectionString, max: 4, connectionTimeoutMillis: 2_000, query_timeout: 2_000, idleTimeoutMillis: 30_000 });
  pool.on("error", warnStoreDown);
  const limiters = new Map<string, { store: RateLimiterAbstract | null; insurance: RateLimiterMemory }>();
  let ready: Promise<boolean> | null = null;
  let failedAt = 0;

  async function setUp(): Promise<boolean> {
    try {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS "${RATE_LIMIT_SCHEMA}"`);
      // The library's own CREATE TABLE, run once here so that no limiter is used before its table exists;
      // this limiter also deletes expired rows every 5 minutes, for all of them.
      await new Promise<void>((resolve, reject) => {
        new RateLimiterPostgres(
          { storeClient: pool, storeType: "pool", schemaName: RATE_LIMIT_SCHEMA, tableName: RATE_LIMIT_TABLE, points: 1, duration: 1, clearExpiredByTimeout: true },
          (error?: unknown) => (error ? reject(error) : resolve()),
        );
      });
      return true;
    } catch (error) {
      warnStoreDown(error);
      failedAt = Date.now();
      return false;
    }
  }

  return {
    kind: "postgres",
    async limiter(options) {
      if (!ready || (!(await ready) && Date.now() - failedAt > SETUP_RETRY_MS)) ready = setUp();
      const isReady = await ready;
      let entry = limiters.get(options.keyPrefix);
      if (!entry) limiters.set(options.keyPrefix, (entry = { store: null, insurance: new InsuranceLimiter(options) }));
      if (!isReady) return entry.insurance;
      entry.store ??= new RateLimiterPostgres({
        ...options,
        storeClient: pool,
        storeType: "pool",
        schemaName: RATE_LIMIT_SCHEMA,
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        clearExpiredByTimeout: false,
        insuranceLimiter: entry.insurance,
      });
      return entry.store;
    },
    close: () => pool.end(),
  };
}

/** Keys as stored: emails and API keys hashed, so the counters table holds neither. */
export const hashedKey = (value: string) => createHash("sha256").update(value).digest("base64url").slice(0, 32);

export type LimitKeys = Partial<Record<RateLimitKey, string | null>>;

const isLimited = (value: unknown): value is RateLimiterRes => value instanceof RateLimiterRes;

export class RateLimits {
  constructor(
    readonly config: RateLimitConfig,
    private readonly store: CounterStore,
  ) {}

  get storeKind() {
    return this.store.kind;
  }

  rule(name: RateLimitRuleName): RateLimitRule {
    return this.config.rules[name];
  }

  clientIp(headers: Headers): string {
    return clientIp(headers, this.config.trustProxyHops);
  }

  /** The rule's limiter; `suffix` names a companion counter with its own points and window. */
  async limiter(name: RateLimitRuleName, override?: { suffix: string; points: number; windowSeconds: number }): Promise<RateLimiterAbstract> {
    const rule = this.rule(name);
    return this.store.limiter({
      keyPrefix: override ? `${name}.${override.suffix}` : name,
      points: override?.points ?? rule.points,
      duration: override?.windowSeconds ?? rule.windowSeconds,
    });
  }

  /**
   * Spends one point of every rule of a route limit whose key the request has
   * (a rule per user is skipped for a guest); throws a 429 when one is spent out.
   */
  async enforce(limit: RouteLimitName, keys: LimitKeys): Promise<void> {
    if (!this.config.enabled) return;
    const { rules, message } = ROUTE_LIMITS[limit];
    let refused: RateLimiterRes | null = null;
    for (const name of rules) {
      const key = keys[this.rule(name).per];
      if (!key) continue;
      const res = await refusalOf(async () => (await this.limiter(name)).consume(key));
      if (res && (!refused || res.msBeforeNext > refused.msBeforeNext)) refused = res;
    }
    if (refused) throw refusal(message, refused.msBeforeNext);
  }

  /** What a key has spent of a rule (null: nothing, or the store could not say). */
  async peek(name: RateLimitRuleName, key: string): Promise<RateLimiterRes | null> {
    try {
      return await (await this.limiter(name)).get(key);
    } catch (error) {
      log.warn("rate limits: a limit could not be checked, so the request is let through", { error });
      return null;
    }
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

/** The 429 for a wait of `ms`: "<what happened> Try again in 15 minutes." */
export function refusal(message: string, ms: number): TooManyRequestsError {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return new TooManyRequestsError(`${message} Try again in ${waitWords(seconds)}.`, seconds);
}

/**
 * Runs a limiter call and returns its refusal (the library rejects with a
 * RateLimiterRes), else null. Any other failure is logged and lets the request through.
 */
export async function refusalOf(call: () => Promise<unknown>): Promise<RateLimiterRes | null> {
  try {
    await call();
    return null;
  } catch (error) {
    if (isLimited(error)) return error;
    log.warn("rate limits: a limit could not be checked, so the request is let through", { error });
    return null;
  }
}

export function createRateLimits(env: Record<string, string | undefined> = process.env, databaseUrl: string = getEnv().databaseUrl): RateLimits {
  return new RateLimits(parseRateLimitEnv(env), isPostgresUrl(databaseUrl) ? postgresStore(databaseUrl) : memoryStore());
}

const globalForRateLimits = globalThis as unknown as { __payportRateLimits?: RateLimits };

/** This process's limits (survives dev-server HMR). */
export function getRateLimits(): RateLimits {
  return (globalForRateLimits.__payportRateLimits ??= createRateLimits());
}

/** Tests install their own limits (fresh counters, their own rules), or undefined to build from the environment again. */
export function setRateLimits(limits: RateLimits | undefined): void {
  globalForRateLimits.__payportRateLimits = limits;
}

/** For the route kernel: the keys a request brings. */
export function requestLimitKeys(request: Request, limits: RateLimits, known: { userId?: string | null; caller?: string | null }): LimitKeys {
  const authorization = request.headers.get("authorization");
  return {
    ip: limits.clientIp(request.headers),
    user: known.userId ?? null,
    caller: known.caller ?? null,
    bearer: authorization ? hashedKey(authorization) : null,
  };
}
