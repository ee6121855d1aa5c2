import type { MetadataRoute } from "next";

// Lets a phone add the shop to its home screen with Payport's icon (rendered by scripts/render-icons.mjs).
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Payport",
    short_name: "Payport",
    description: "A calm, open-source checkout on Stripe.",
    start_url: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#4f46e5",
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
