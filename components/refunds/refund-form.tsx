"use client";
// Full or partial refund from the payment detail: the amount is typed in the
// currency's major unit, confirmed in a dialog that states it, and validated
// again on the server against what remains refundable.
import { useRouter } from "next/navigation";
import { refundStatusLabel } from "@/components/status-badges";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { formatMoney, toMajor } from "@/lib/money";
import { parseMajorAmount } from "@/lib/refunds/amounts";
import { REFUND_REASON_LABELS, REFUND_REASONS, type RefundReason } from "@/lib/refunds/schemas";

export function RefundForm({ orderId, currency, remaining, email }: { orderId: string; currency: string; remaining: number; email: string }) {
  const router = useRouter();
  const toast = useToast();
  const [amountText, setAmountText] = useState(String(toMajor(remaining, currency)));
  const [reason, setReason] = useState<RefundReason>("requested_by_customer");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [submitting, setSubmitting] = useState(false);

  function review(event: React.FormEvent) {
    event.preventDefault();
    const amount = parseMajorAmount(amountText, currency);
    if (amount === null) return setError(`Enter an amount in ${currency.toUpperCase()}, e.g. ${toMajor(remaining, currency)}.`);
    if (amount > remaining) return setError(`At most ${formatMoney(remaining, currency)} can still be refunded.`);
    setError(null);
    setConfirming(amount);
  }

  async function submit(amount: number) {
    setSubmitting(true);
    try {
      const res = await fetch(`/api/admin/payments/${encodeURIComponent(orderId)}/refunds`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ amount, currency, reason, ...(note.trim() && { note: note.trim() }) }),
      });
      const body = await res.json().catch(() => null);
      if (!res.ok) {
        const message = body?.error?.message ?? "The refund could not be made. Try again.";
        setError(message);
        toast({ title: "Refund not made", description: message, tone: "error" });
        return;
      }
      toast({ title: `Refunded ${formatMoney(amount, currency)}`, description: `Refund ${body.stripeRefundId}: ${refundStatusLabel(body.status)}.`, tone: "success" });
      setConfirming(null);
      router.refresh();
    } catch {
      setError("The network failed; the refund may not have been sent. Reload to check before retrying.");
    } finally {
      setSubmitting(false);
      setConfirming(null);
    }
  }

  return (
    <form onSubmit={review} className="space-y-4" aria-label="Refund" data-testid="refund-form">
      <Field id="refund-amount" label={`Amount (${currency.toUpperCase()})`} hint={`Up to ${formatMoney(remaining, currency)}`} error={error}>
        {(describedBy) => (
          <Input
            id="refund-amount"
            inputMode="decimal"
            value={amountText}
            onChange={(e) => setAmountText(e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
          />
        )}
      </Field>
      <Field id="refund-reason" label="Reason">
        {() => (
          <Select id="refund-reason" value={reason} onChange={(e) => setReason(e.target.value as RefundReason)}>
            {REFUND_REASONS.map((r) => (
              <option key={r} value={r}>
                {REFUND_REASON_LABELS[r]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="refund-note" label="Note (optional)">
        {() => <Input id="refund-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />}
      </Field>
      <Button type="submit" variant="destructive" className="w-full">
        Refund…
      </Button>
      <Dialog
        open={confirming !== null}
        onOpenChange={(open) => !open && !submitting && setConfirming(null)}
        title={confirming !== null ? `Refund ${formatMoney(confirming, currency)}?` : "Refund"}
        description={
          confirming !== null && (
            <>
              {formatMoney(confirming, currency)} goes back to {email}
              {confirming === remaining ? " — the full remaining amount." : `; ${formatMoney(remaining - confirming, currency)} will remain refundable.`} This can&rsquo;t be
              undone.
            </>
          )
        }
      >
        <DialogActions>
          <Button variant="secondary" onClick={() => setConfirming(null)} disabled={submitting}>
            Cancel
          </Button>
          <Button variant="destructive" loading={submitting} onClick={() => confirming !== null && submit(confirming)} data-testid="confirm-refund">
            Refund {confirming !== null ? formatMoney(confirming, currency) : ""}
          </Button>
        </DialogActions>
      </Dialog>
    </form>
  );
}
