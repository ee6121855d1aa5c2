// Delivery after commit: take due outbox rows, send each through the transport,
// and stamp it sent, or due again later with growing gaps, or dead after
// MAX_ATTEMPTS. Runs beside the webhook workers and never inside them, so a
// slow or failing mail server cannot hold up a webhook's acknowledgement or
// its handler. Any number of processes may run it: a row is taken with a
// conditional update on its lease, so only one sends it.
import { getDb, type Db } from "@/lib/db";
import { log } from "@/lib/observability/log";
import { mailTransport } from "@/lib/mail/transport";
import { onMailerWake } from "@/lib/mail/wake";
import { queueCardExpiryNotices } from "@/lib/mail/compose";

export const MAX_ATTEMPTS = 10;
const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 60 * 60_000;
/** Time a sender holds a row; if its process dies, another takes the row after this. */
const LEASE_MS = 2 * 60_000;
const POLL_MS = 15_000;
const CARD_CHECK_MS = 6 * 60 * 60_000;

export const retryDelayMs = (attempts: number) => Math.min(RETRY_BASE_MS * 2 ** (attempts - 1), RETRY_MAX_MS);

export type DeliveryResult = { sent: number; failed: number };

/** Sends every due message (up to `limit`); for the worker loop and tests. */
export async function deliverDueEmails({ db = getDb(), now = new Date(), limit = 50 }: { db?: Db; now?: Date; limit?: number } = {}): Promise<DeliveryResult> {
  const transport = mailTransport();
  if (!transport) return { sent: 0, failed: 0 };
  const due = await db.emailMessage.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  const result: DeliveryResult = { sent: 0, failed: 0 };
  for (const message of due) {
    const lease = new Date(now.getTime() + LEASE_MS);
    const { count } = await db.emailMessage.updateMany({ where: { id: message.id, status: "pending", nextAttemptAt: message.nextAttemptAt }, data: { nextAttemptAt: lease } });
    if (count === 0) continue; // another sender took it
    const held = { id: message.id, nextAttemptAt: lease };
    try {
      await transport.send({ to: message.to, subject: message.subject, text: message.text, html: message.html, messageId: `<${message.id}@payport>` });
      await db.emailMessage.updateMany({ where: held, data: { status: "sent", sentAt: new Date(), attempts: message.attempts + 1, lastError: null, nextAttemptAt: null } });
      log.info("mail sent", { emailId: message.id, kind: message.kind, via: transport.kind });
      result.sent++;
    } catch (error) {
      const attempts = message.attempts + 1;
      const dead = attempts >= MAX_ATTEMPTS;
      const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
      await db.emailMessage.updateMany({
        where: held,
        data: { attempts, lastError, status: dead ? "dead" : "pending", nextAttemptAt: dead ? null : new Date(now.getTime() + retryDelayMs(attempts)) },
      });
      log.warn(dead ? "mail failed for the last time" : "mail failed; will retry", { emailId: message.id, kind: message.kind, attempts, error: lastError });
      result.failed++;
    }
  }
  return result;
}

export type Mailer = { stop: () => Promise<void> };

/**
 * This process's mail worker: delivers when woken (a message was written
 * here), polls for messages written elsewhere or due for a retry, and checks
 * for expiring cards a few times a day.
 */
export function startMailer(db: Db = getDb()): Mailer {
  if (!mailTransport()) log.warn("mail: SMTP_URL is not set, so receipts, refund notices and dunning mail wait in the outbox undelivered");
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let lastCardCheck = 0;
  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        if (Date.now() - lastCardCheck >= CARD_CHECK_MS) {
          lastCardCheck = Date.now();
          await queueCardExpiryNotices({ db }).catch((error: unknown) => log.error("mail: the expiring-card check failed", { error }));
        }
        const { sent } = await deliverDueEmails({ db }).catch((error: unknown) => {
          log.error("mail: delivery pass failed", { error });
          return { sent: 0 };
        });
        if (sent === 50) again = true;
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
  };
  onMailerWake(run);
  const poll = setInterval(run, POLL_MS);
  poll.unref?.();
  run();
  return {
    async stop() {
      stopped = true;
      clearInterval(poll);
      onMailerWake(null);
      await running;
    },
  };
}
