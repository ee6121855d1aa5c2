import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The payments conformance scenarios against Stripe's test mode instead of the emulator
// (`npm run test:stripe-contract` at the repository root; needs STRIPE_SECRET_KEY=sk_test_…,
// skipped with a message without it). One file at a time: they share one Stripe account.
// The other files in tests/conformance/ stay emulator-only: they drive the hosted pages, the control
// API or emulators of their own, or assume an empty account.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  test: {
    environment: "node",
    include: ["tests/conformance/payments-*.test.ts"],
    env: { CONFORMANCE_TARGET: "stripe" },
    pool: "forks",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
