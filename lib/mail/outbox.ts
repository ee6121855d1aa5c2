// Writing to the outbox. A message is written once per (kind, subjectId): a
// duplicate or replayed event that asks for it again finds the row there and
// writes nothing, and the insert never fails on the duplicate (so it is safe
// inside the webhook worker's transaction on PostgreSQL).
import { randomUUID } from "node:crypto";
import { providerOf, type Db, type DbClient } from "@/lib/db";
import type { RenderedEmail } from "@/lib/mail/templates";
import { wakeMailer } from "@/lib/mail/wake";

export type EmailKind = "order_receipt" | "refund_notice" | "invoice_payment_failed" | "card_expiring";

export type OutgoingEmail = RenderedEmail & { kind: EmailKind; subjectId: string; to: string };

/**
 * Adds the message unless one of its kind and subject exists; true when this
 * call wrote it. `tx` is the caller's transaction, if any (the message then
 * commits or rolls back with the state change); `db` names the database.
 */
export async function enqueueEmail(db: Db, message: OutgoingEmail, tx: DbClient = db, now: Date = new Date()): Promise<boolean> {
  const postgres = providerOf(db) === "postgresql";
  const params: unknown[] = [];
  const bind = (value: unknown) => (postgres ? `$${params.push(value)}` : (params.push(value), "?"));
  // PostgreSQL's timestamp(3) columns hold UTC wall time, as Prisma writes them; SQLite's hold Prisma's form of a Date.
  const time = (at: Date) => (postgres ? `(${bind(at.toISOString())}::timestamptz AT TIME ZONE 'UTC')` : bind(at));
  const values = [bind(randomUUID()), bind(message.kind), bind(message.subjectId), bind(message.to), bind(message.subject), bind(message.text), bind(message.html), time(now), time(now)];
  const inserted = await tx.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO "EmailMessage" ("id", "kind", "subjectId", "to", "subject", "text", "html", "nextAttemptAt", "createdAt")
VALUES (${values.join(", ")}) ON CONFLICT ("kind", "subjectId") DO NOTHING RETURNING "id"`,
    ...params,
  );
  if (inserted.length > 0) wakeMailer();
  return inserted.length > 0;
}
