import type { NextConfig } from "next";

// A one-route app built by bench/webhooks.ts into its own ignored .next; it uses the repository's node_modules.
const nextConfig: NextConfig = { poweredByHeader: false };

export default nextConfig;
