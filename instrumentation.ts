// Next.js calls register() once when the server boots: validate configuration
// there so a bad key or a missing webhook secret stops start-up with a clear
// message instead of failing on the first payment; check a restricted Stripe
// key's permissions; then start the webhook workers in this process, unless
// PAYPORT_WEBHOOK_WORKERS=0 (workers run elsewhere, `npm run worker`), and
// with them the mail worker that delivers what their handlers put in the outbox.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getAuthEnv, getEnv } = await import("./lib/env");
  getEnv();
  getAuthEnv();
  const { parseRateLimitEnv } = await import("./lib/http/rate-limits");
  parseRateLimitEnv(process.env);
  // A restricted key is probed for each permission Payport needs, in the background (Stripe or the
  // emulator may still be starting): one log line per missing permission; /api/ready reports them too.
  const { verifyKeyPermissions } = await import("./lib/stripe/permission-check");
  void verifyKeyPermissions().catch(async (error) => {
    const { log } = await import("./lib/observability/log");
    log.warn("stripe: could not check the restricted API key's permissions", { error });
  });
  const { parseMailEnv } = await import("./lib/mail/config");
  parseMailEnv(process.env);
  const { webhookQueueSettings } = await import("./lib/webhooks/ledger");
  if (webhookQueueSettings().workers === 0) return;
  const { startMailer } = await import("./lib/mail/deliver");
  startMailer();
  const { startStripeEventWorkers } = await import("./lib/webhooks/queue");
  try {
    await startStripeEventWorkers();
  } catch (error) {
    // The ack path still stores events; a worker (or the next boot) processes them.
    const { log } = await import("./lib/observability/log");
    log.error("webhook: could not start the webhook workers in this process", { error });
  }
}
