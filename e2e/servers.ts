// Where the e2e servers listen. Overridable so two runs (or a dev server) can
// share a machine: E2E_APP_PORT, E2E_EMULATOR_PORT.
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 3199);
export const E2E_EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT ?? 12199);
export const APP_URL = `http://127.0.0.1:${E2E_APP_PORT}`;
export const EMULATOR_URL = `http://127.0.0.1:${E2E_EMULATOR_PORT}`;

/** Quiet Next.js and Prisma CLIs (no telemetry, no update checks) for every server the e2e runs start. */
export const QUIET_ENV = { NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };

/**
 * The local Stripe emulator as a Playwright webServer: fresh state in
 * `dataDir`, its webhooks signed with `webhookSecret` and sent to `webhookUrl`.
 */
export function emulatorWebServer({ port, dataDir, webhookUrl, webhookSecret }: { port: number; dataDir: string | undefined; webhookUrl: string; webhookSecret: string }) {
  return {
    command: "node emulator/bin/stripe-emulator.mjs",
    url: `http://127.0.0.1:${port}/_emulator/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe" as const,
    env: {
      ...QUIET_ENV,
      STRIPE_EMULATOR_PORT: String(port),
      ...(dataDir && { STRIPE_EMULATOR_DATA_DIR: dataDir }),
      STRIPE_EMULATOR_WEBHOOK_URL: webhookUrl,
      STRIPE_WEBHOOK_SECRET: webhookSecret,
    },
  };
}
