import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    environment: "node",
    include: ["tests/**/*.test.ts", "lib/**/*.test.ts", "emulator/**/*.test.ts"],
    // better-sqlite3 is a native addon: forks (child processes) are the safe pool.
    pool: "forks",
    testTimeout: 20_000,
    // Suites create many accounts and checkouts from one "client"; the rate-limit
    // tests install their own limits (tests/rate-limits.test.ts).
    env: { RATE_LIMIT_SCALE: "1000" },
  },
});
