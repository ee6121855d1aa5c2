import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.{ts,tsx}"],
    // remote-ui renders to a tree, not a DOM: no jsdom needed.
    environment: "node",
    // The SDK's testing matchers call a global expect.extend at import time.
    globals: true,
  },
});
