// Webhook workers in a child process, for tests that kill them (tests/chaos.test.ts):
// scripts/worker.ts's work on DATABASE_URL, plus one stdout line per applied
// event ("applied <id>") and, with CHAOS_STALL_AT=n, a stall inside the n-th
// applied event: its writes are done, its ledger outcome is not, which is the
// worst moment for a SIGKILL. Run with `node --import tsx tests/helpers/worker-process.ts`.
import type Stripe from "stripe";
import { isUnmatched } from "@/lib/stripe/types";
import { stripeEventHandlers } from "@/lib/webhooks/handlers";
import { startStripeEventWorkers } from "@/lib/webhooks/queue";

const stallAt = Number(process.env.CHAOS_STALL_AT ?? 0);
let applied = 0;
const handlers = stripeEventHandlers as Record<string, (event: Stripe.Event) => Promise<unknown>>;
for (const [type, handler] of Object.entries(handlers)) {
  handlers[type] = async (event) => {
    const result = await handler(event);
    if (isUnmatched(result)) return result;
    applied++;
    process.stdout.write(`applied ${event.id}\n`);
    if (applied === stallAt) {
      process.stdout.write(`stalled ${event.id}\n`);
      await new Promise(() => undefined);
    }
    return result;
  };
}

await startStripeEventWorkers({ concurrency: 1 });
process.stdout.write("ready\n");
