import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";
import { isLocalOutbox } from "@/lib/mail/config";
import { listOutbox } from "@/lib/mail/queries";

export const metadata: Metadata = { title: "Local outbox" };
export const dynamic = "force-dynamic";

const KIND_LABELS: Record<string, string> = {
  order_receipt: "Receipt",
  refund_notice: "Refund",
  invoice_payment_failed: "Payment failed",
  card_expiring: "Card expiring",
};

/** Every message Payport wrote, for a developer running without SMTP. Not there in production. */
export default async function OutboxPage() {
  if (!isLocalOutbox()) notFound();
  const messages = await listOutbox();
  return (
    <main className="mx-auto max-w-5xl space-y-4 px-4 py-8">
      <div>
        <h1 className="text-2xl font-semibold">Local outbox</h1>
        <p className="text-sm text-zinc-600">
          No <code>SMTP_URL</code> is set, so mail stays here instead of leaving this machine. The newest 100 messages.
        </p>
      </div>
      {messages.length === 0 ? (
        <Card className="p-6 text-sm text-zinc-600">No mail yet. Pay for an order, refund one, or let a renewal fail, and its message appears here.</Card>
      ) : (
        <Table label="Messages">
          <TableHead>
            <tr>
              <Th>Kind</Th>
              <Th>To</Th>
              <Th>Subject</Th>
              <Th>Status</Th>
              <Th>Written</Th>
            </tr>
          </TableHead>
          <TableBody>
            {messages.map((m) => (
              <tr key={m.id}>
                <Td>{KIND_LABELS[m.kind] ?? m.kind}</Td>
                <Td>{m.to}</Td>
                <Td>
                  <Link className="text-indigo-700 underline" href={`/dev/mail/${m.id}`}>
                    {m.subject}
                  </Link>
                </Td>
                <Td>{m.status}</Td>
                <Td className="whitespace-nowrap">{m.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC</Td>
              </tr>
            ))}
          </TableBody>
        </Table>
      )}
    </main>
  );
}
