import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // No next/font/google, no remote images: the build needs no network.
  poweredByHeader: false,
};

export default nextConfig;
