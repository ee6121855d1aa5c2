"use client";
// Row action: cancel a subscription at the period end or now, after a
// confirmation dialog that says what each means for the customer.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";

const newSubmissionId = () => crypto.randomUUID().replaceAll("-", "");

export function CancelSubscription({ id, customer, cancelAtPeriodEnd }: { id: string; customer: string; cancelAtPeriodEnd: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<"period_end" | "now" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [submissionId, setSubmissionId] = useState(newSubmissionId);

  async function cancel(mode: "period_end" | "now") {
    setBusy(mode);
    setError(null);
    try {
      const res = await fetch(`/api/admin/subscriptions/${encodeURIComponent(id)}/cancel`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ mode, submissionId }),
      });
      const json = await res.json();
      if (!res.ok) {
        setError(json.error?.message ?? "That did not work.");
        if (res.status !== 502) setSubmissionId(newSubmissionId());
        return;
      }
      toast({ tone: "success", title: mode === "now" ? "Subscription canceled" : "Subscription ends at the period end" });
      setOpen(false);
      setSubmissionId(newSubmissionId());
      router.refresh();
    } catch {
      setError("The server could not be reached. Try again.");
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <Button variant="ghost" size="sm" onClick={() => setOpen(true)}>
        Cancel…
      </Button>
      <Dialog
        open={open}
        onOpenChange={(next) => !busy && setOpen(next)}
        title="Cancel this subscription?"
        description={`${customer}'s subscription. At the period end, they keep access until then and are not charged again. Now, it ends immediately; usage so far is invoiced and unused time is not refunded.`}
      >
        {error && (
          <p className="text-sm text-red-600" role="alert">
            {error}
          </p>
        )}
        <DialogActions>
          <Button variant="secondary" onClick={() => setOpen(false)} disabled={!!busy}>
            Keep subscription
          </Button>
          {!cancelAtPeriodEnd && (
            <Button variant="secondary" onClick={() => cancel("period_end")} loading={busy === "period_end"} disabled={!!busy}>
              At period end
            </Button>
          )}
          <Button variant="destructive" onClick={() => cancel("now")} loading={busy === "now"} disabled={!!busy}>
            Cancel now
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
