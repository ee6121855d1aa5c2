// Webhook workers as their own process (production layout: app instances with
// PAYPORT_WEBHOOK_WORKERS=0 plus any number of these on one PostgreSQL):
//   npm run worker
// Uses DATABASE_URL and the Stripe keys like the app. PAYPORT_WEBHOOK_WORKERS
// sets how many events it handles at once (at least 1 here). Stops on SIGINT/SIGTERM
// after the events in hand.
import { getEnv } from "@/lib/env";
import { getDb } from "@/lib/db";
import { startMailer } from "@/lib/mail/deliver";
import { closeStripeEventQueue, startStripeEventWorkers } from "@/lib/webhooks/queue";

getEnv();
const workers = await startStripeEventWorkers();
const mailer = startMailer();
console.log(`[webhook] workers running on ${getEnv().databaseUrl.startsWith("file:") ? "SQLite" : "PostgreSQL"}`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[webhook] ${signal}: finishing the events in hand`);
  await workers.stop();
  await mailer.stop();
  await closeStripeEventQueue();
  await getDb().$disconnect();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
