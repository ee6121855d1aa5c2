// Reads of the outbox for the local mail viewer (/dev/mail).
import { getDb } from "@/lib/db";

export function listOutbox(limit = 100) {
  return getDb().emailMessage.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, kind: true, to: true, subject: true, status: true, attempts: true, createdAt: true, sentAt: true },
  });
}

export function findOutboxMessage(id: string) {
  return getDb().emailMessage.findUnique({ where: { id } });
}
