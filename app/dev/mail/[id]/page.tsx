import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { isLocalOutbox } from "@/lib/mail/config";
import { findOutboxMessage } from "@/lib/mail/queries";

export const metadata: Metadata = { title: "Message" };
export const dynamic = "force-dynamic";

export default async function OutboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  if (!isLocalOutbox()) notFound();
  const { id } = await params;
  const message = await findOutboxMessage(id);
  if (!message) notFound();
  return (
    <main className="mx-auto max-w-3xl space-y-4 px-4 py-8">
      <Link href="/dev/mail" className="text-sm text-indigo-700 underline">
        ← Local outbox
      </Link>
      <h1 className="text-2xl font-semibold">{message.subject}</h1>
      <dl className="grid grid-cols-[8rem_1fr] gap-1 text-sm">
        <dt className="text-zinc-500">To</dt>
        <dd>{message.to}</dd>
        <dt className="text-zinc-500">Kind</dt>
        <dd>{message.kind}</dd>
        <dt className="text-zinc-500">Status</dt>
        <dd>
          {message.status}
          {message.lastError ? ` (last error: ${message.lastError})` : ""}
        </dd>
      </dl>
      <p className="text-sm">
        <a className="text-indigo-700 underline" href={`/dev/mail/${message.id}/html`}>
          Open the HTML version
        </a>
      </p>
      <Card className="p-4">
        <pre className="text-sm whitespace-pre-wrap" data-testid="mail-text">
          {message.text}
        </pre>
      </Card>
    </main>
  );
}
