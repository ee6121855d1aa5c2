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

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
