import type { NextConfig } from "next";

// A bare app (one page, one route) built by bench/webhooks.ts and bench/page-weight.ts into its own ignored .next; it uses the repository's node_modules.
const nextConfig: NextConfig = { poweredByHeader: false };

export default nextConfig;
