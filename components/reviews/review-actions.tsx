"use client";
// The two decisions on a Radar review: approve the payment (the order may then
// be fulfilled), or refund what remains of it, which closes the review. Both ask
// for confirmation, are audited on the server, and end with a toast and
// router.refresh() so the queue shows the new state without a reload.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";

type Props = { reviewId: string; amountLabel: string; email: string | null };

type Decision = "approve" | "refund";

const COPY: Record<Decision, { button: string; title: string; description: (p: Props) => string; toast: string; path: string }> = {
  approve: {
    button: "Approve",
    title: "Approve this payment?",
    description: (p) => `The ${p.amountLabel} payment${p.email ? ` from ${p.email}` : ""} stays captured, the review closes, and the order can be fulfilled.`,
    toast: "Payment approved",
    path: "approve",
  },
  refund: {
    button: "Refund and close",
    title: "Refund this payment and close the review?",
    description: (p) => `${p.amountLabel} goes back to the card${p.email ? ` of ${p.email}` : ""} as a fraudulent payment. The order will not be fulfilled. This cannot be undone.`,
    toast: "Payment refunded; review closed",
    path: "refund",
  },
};

export function ReviewActions(props: Props) {
  return (
    <div className="flex flex-wrap justify-end gap-2">
      <DecisionButton decision="approve" {...props} />
      <DecisionButton decision="refund" {...props} />
    </div>
  );
}

function DecisionButton({ decision, ...props }: Props & { decision: Decision }) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const copy = COPY[decision];

  async function confirm() {
    setSubmitting(true);
    let error: string | null = null;
    try {
      const res = await fetch(`/api/admin/reviews/${encodeURIComponent(props.reviewId)}/${copy.path}`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      if (!res.ok) error = ((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? "Something went wrong. Try again.";
    } catch {
      error = "The network failed; nothing may have been saved. Reload to check.";
    }
    setSubmitting(false);
    setOpen(false);
    toast(error ? { title: `Could not ${copy.button.toLowerCase()}`, description: error, tone: "error" } : { title: copy.toast, tone: "success" });
    router.refresh();
  }

  return (
    <>
      <Button size="sm" variant={decision === "approve" ? "primary" : "secondary"} onClick={() => setOpen(true)} data-testid={`review-${decision}`}>
        {copy.button}…
      </Button>
      <Dialog open={open} onOpenChange={(next) => !next && !submitting && setOpen(false)} title={copy.title} description={copy.description(props)}>
        <DialogActions>
          <Button variant="secondary" onClick={() => setOpen(false)} disabled={submitting}>
            Cancel
          </Button>
          <Button variant={decision === "refund" ? "destructive" : "primary"} loading={submitting} onClick={confirm} data-testid={`confirm-review-${decision}`}>
            {copy.button}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
