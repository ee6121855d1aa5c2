import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
let pool = randomBytes(4096);
let offset = 0;

/** Random base62 string; pooled bytes keep the hot path off the crypto syscall. */
export function randomToken(length: number): string {
  if (offset + length > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[pool[offset++] % 62];
  return out;
}

/** Stripe-style id: prefix, a stable "1", then a mixed-case tail (BEHAVIOR §1.10). */
export function newId(prefix: string): string {
  return `${prefix}_1${randomToken(23)}`;
}

export function requestId(): string {
  return `req_${randomToken(14)}`;
}

/** Test clock time in effect (seconds), set while work for objects under a clock runs. */
let frozenNow: number | null = null;

export function nowSeconds(): number {
  return frozenNow ?? Math.floor(Date.now() / 1000);
}

/** Runs `fn` with `nowSeconds()` returning `time` (a test clock's frozen time) when it is not null. */
export function atTime<T>(time: number | null | undefined, fn: () => T): T {
  if (time === null || time === undefined) return fn();
  const before = frozenNow;
  frozenNow = time;
  try {
    return fn();
  } finally {
    frozenNow = before;
  }
}
