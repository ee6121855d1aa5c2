import type { NextConfig } from "next";

// Sent with every page and API answer. Framing is refused outright (no page of
// ours is meant to be embedded, which also stops clickjacking of the checkout);
// HSTS only matters once the site is served over HTTPS, where browsers honour it.
export const SECURITY_HEADERS = [
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  ...(process.env.NODE_ENV === "production" ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
];

const nextConfig: NextConfig = {
  // The production image runs .next/standalone/server.js: the traced server and
  // only the node_modules it needs (scripts/standalone.mjs adds static assets).
  output: "standalone",
  // No next/font/google, no remote images: the build needs no network.
  poweredByHeader: false,
  // The webhook queue's job library (and its pg pool) stays a Node require on the server, never bundled.
  serverExternalPackages: ["graphile-worker", "pg"],
  // `npm run dev` may be opened as 127.0.0.1 as well as localhost; Next blocks
  // dev-only assets (HMR) for origins it does not know.
  allowedDevOrigins: ["127.0.0.1"],
  // The dev server's request log leaves out Stripe's webhook deliveries and health probes
  // (dozens at start-up; the ledger at /admin/events shows every event).
  logging: { incomingRequests: { ignore: [/^\/api\/webhooks\//, /^\/api\/(health|ready)$/] } },
  // forbidden(): the admin area answers a signed-in customer with a real 403 (app/forbidden.tsx).
  experimental: { authInterrupts: true },
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
