import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // No next/font/google, no remote images: the build needs no network.
  poweredByHeader: false,
  // `npm run dev` may be opened as 127.0.0.1 as well as localhost; Next blocks
  // dev-only assets (HMR) for origins it does not know.
  allowedDevOrigins: ["127.0.0.1"],
};

export default nextConfig;
