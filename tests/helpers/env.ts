// Tests run in local mode with a known webhook secret, whatever the shell has.
import { resetEnvCache } from "@/lib/env";
import { setStripe } from "@/lib/stripe/client";

const STRIPE_VARS = ["STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_EMULATOR_URL"];

export function useLocalStripeEnv(overrides: Record<string, string> = {}): void {
  for (const name of STRIPE_VARS) delete process.env[name];
  Object.assign(process.env, overrides);
  resetEnvCache();
  setStripe(undefined);
}
