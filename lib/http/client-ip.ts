// Who is calling, for per-IP rate limits. Route handlers never see the socket,
// and Next fills X-Forwarded-For with the socket's address only when the
// request has none (`??=`), so without a proxy that rewrites it, the header is
// whatever the client chose to send: a limit keyed on it would be evaded by
// sending a new value each time. Hence:
//   TRUST_PROXY=n (n proxies in front, each appending the address it saw):
//       the n-th address from the right of X-Forwarded-For, the one our first
//       proxy saw, which the client cannot forge.
//   TRUST_PROXY unset: Next sets no header of its own for the peer that the
//       client could not forge, so every client shares one bucket, "local".
//       Per-account, per-user and per-key limits still apply; per-IP limits
//       become whole-app limits. Fine for development and a single direct
//       client; behind a proxy, set TRUST_PROXY (a warning says so once).
// IPv6 addresses count per /64: one subscriber usually holds a whole /64.
import { isIP } from "node:net";
import { log } from "@/lib/observability/log";

export const SHARED_CLIENT = "local";

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;
let warnedUntrustedProxy = false;

export function clientIp(headers: Headers, trustProxyHops: number): string {
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  if (trustProxyHops <= 0) {
    const peer = forwarded.at(-1);
    if (!warnedUntrustedProxy && peer && !LOOPBACK.test(peer)) {
      warnedUntrustedProxy = true;
      log.warn(
        "rate limits: requests arrive from other machines but TRUST_PROXY is unset, so every client shares one per-IP bucket. " +
          "Behind a proxy or load balancer, set TRUST_PROXY to the number of proxies in front of the app (usually 1).",
      );
    }
    return SHARED_CLIENT;
  }
  const address = forwarded.at(-trustProxyHops) ?? forwarded[0];
  return address ? ipBucket(address) : SHARED_CLIENT;
}

/** The address as a bucket name: IPv4 as is, IPv4-mapped IPv6 as IPv4, other IPv6 by its /64. */
export function ipBucket(raw: string): string {
  const address = raw.replace(/^\[(.*)\](:\d+)?$/, "$1").replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  const version = isIP(address);
  if (version === 4) return address;
  if (version !== 6) return SHARED_CLIENT;
  const [head, tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}
