import { defineConfig } from "vitest/config";

// The emulator's own tests, run from this folder (`npx vitest run`). Payport's root config runs
// them too, as part of its suite.
export default defineConfig({
  test: {
    environment: "node",
    include: ["tests/**/*.test.ts"],
    pool: "forks",
    testTimeout: 20_000,
  },
});
