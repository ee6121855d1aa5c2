// The standalone emulator (`stripe-emulator`, `npm run emulator` in Payport): flags override the
// environment, which overrides the defaults.
import { API_VERSION, startEmulator } from "./index.ts";

const USAGE = `Usage: stripe-emulator [--port N] [--host HOST] [--data-dir DIR] [--help]

A stateful Stripe API emulator (API ${API_VERSION}) for local development and tests.

Options (environment variable in brackets):
  --port N          port to listen on, 0 for any free port [STRIPE_EMULATOR_PORT, default 12111]
  --host HOST       interface to bind [STRIPE_EMULATOR_HOST, default 127.0.0.1]
  --data-dir DIR    folder of emulator.json, the persisted state [STRIPE_EMULATOR_DATA_DIR, default .data]
  --help            print this help

Environment only:
  STRIPE_EMULATOR_WEBHOOK_URL + STRIPE_WEBHOOK_SECRET   preconfigured webhook endpoint
  STRIPE_EMULATOR_LOG=0                                 quiet request log
  STRIPE_EMULATOR_API_KEYS=sk_test_a,pk_test_b          more accepted API keys (sk_test_emulator,
                                                        rk_test_emulator, pk_test_emulator always work)
  STRIPE_EMULATOR_WEBHOOK_RETRY_MS, STRIPE_EMULATOR_WEBHOOK_TIMEOUT_MS,
  STRIPE_EMULATOR_RETRY_DAYS, STRIPE_EMULATOR_DUNNING_FINAL_ACTION   see README.md
`;

/** `--name value` and `--name=value` flags; exits with the usage on anything else. */
function parseFlags(argv: string[]): Record<string, string> {
  const known = new Set(["port", "host", "data-dir"]);
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") {
      process.stdout.write(USAGE);
      process.exit(0);
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const value = match?.[2] ?? argv[i + 1];
    if (!match || !known.has(match[1]) || value === undefined) {
      process.stderr.write(`stripe-emulator: unexpected argument ${arg}\n\n${USAGE}`);
      process.exit(2);
    }
    if (match[2] === undefined) i++;
    flags[match[1]] = value;
  }
  return flags;
}

const flags = parseFlags(process.argv.slice(2));
const url = process.env.STRIPE_EMULATOR_WEBHOOK_URL;
const secret = process.env.STRIPE_WEBHOOK_SECRET;

const emu = await startEmulator({
  port: Number(flags.port ?? process.env.STRIPE_EMULATOR_PORT ?? 12111),
  host: flags.host ?? process.env.STRIPE_EMULATOR_HOST ?? "127.0.0.1",
  dataDir: flags["data-dir"] ?? process.env.STRIPE_EMULATOR_DATA_DIR ?? ".data",
  webhookEndpoints: url && secret ? [{ url, secret }] : [],
  log: process.env.STRIPE_EMULATOR_LOG !== "0",
});

console.log(`Stripe emulator (API ${API_VERSION}) listening on ${emu.url}`);
if (url && secret) console.log(`Webhooks → ${url}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void emu.close().then(() => process.exit(0));
  });
}
