// `npm run emulator`: the standalone emulator for local development.
import { startEmulator } from "./index.ts";

const url = process.env.STRIPE_EMULATOR_WEBHOOK_URL;
const secret = process.env.STRIPE_WEBHOOK_SECRET;

const emu = await startEmulator({
  port: Number(process.env.STRIPE_EMULATOR_PORT ?? 12111),
  host: process.env.STRIPE_EMULATOR_HOST ?? "127.0.0.1",
  dataDir: process.env.STRIPE_EMULATOR_DATA_DIR ?? ".data",
  webhookEndpoints: url && secret ? [{ url, secret }] : [],
  log: process.env.STRIPE_EMULATOR_LOG !== "0",
});

console.log(`Stripe emulator (API 2026-10-28.endive) listening on ${emu.url}`);
if (url && secret) console.log(`Webhooks → ${url}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void emu.close().then(() => process.exit(0));
  });
}
