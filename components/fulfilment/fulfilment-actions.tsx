"use client";
// Fulfilment actions on the payment detail: mark the order shipped (a dialog
// with carrier and tracking number, which also corrects them later), then
// delivered / returned (confirmed: there is no way back), and the order's
// support notes with a form to add one. Every action is audited on the server;
// after it, a toast and router.refresh() show the new state without a reload.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatDateTime } from "@/components/admin/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, fieldClasses, Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import type { SupportNoteView } from "@/lib/fulfilment/actions";
import { MAX_NOTE_LENGTH, nextFulfilmentStatuses, type FulfilmentStatus, type FulfilmentTransitionTarget } from "@/lib/fulfilment/schemas";

type Props = {
  orderId: string;
  /** The order's own status: only a paid order can be shipped. */
  orderStatus: string;
  /** Why the order may not be shipped yet (an open Radar review), or null. */
  hold: string | null;
  status: FulfilmentStatus;
  carrier: string | null;
  trackingNumber: string | null;
  notes: SupportNoteView[];
};

type ApiError = { message: string; field?: string };

async function post(url: string, body: unknown): Promise<{ ok: true; body: unknown } | { ok: false; error: ApiError }> {
  try {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const json = await res.json().catch(() => null);
    if (res.ok) return { ok: true, body: json };
    return { ok: false, error: json?.error ?? { message: "Something went wrong. Try again." } };
  } catch {
    return { ok: false, error: { message: "The network failed; nothing may have been saved. Reload to check." } };
  }
}

const TRANSITION_COPY: Record<FulfilmentTransitionTarget, { button: string; title: string; description: string; toast: string }> = {
  delivered: {
    button: "Mark delivered",
    title: "Mark this order delivered?",
    description: "The parcel reached the customer. It can still be marked returned later, but not shipped again.",
    toast: "Order marked delivered",
  },
  returned: {
    button: "Mark returned",
    title: "Mark this order returned?",
    description: "The parcel came back. This is final: a returned order can't be shipped or delivered again. Refunds are separate.",
    toast: "Order marked returned",
  },
};

export function FulfilmentActions({ orderId, orderStatus, hold, status, carrier, trackingNumber, notes }: Props) {
  const base = `/api/admin/orders/${encodeURIComponent(orderId)}`;
  const canShip = orderStatus === "paid" && (status === "shipped" || (status === "unfulfilled" && !hold));
  const transitions = nextFulfilmentStatuses(status);

  return (
    <div className="space-y-4 pt-3" data-testid="fulfilment-actions" data-status={status}>
      {(canShip || transitions.length > 0) && (
        <div className="flex flex-wrap gap-2">
          {canShip && <ShipDialog url={`${base}/fulfilment`} correcting={status === "shipped"} carrier={carrier} trackingNumber={trackingNumber} />}
          {transitions.map((to) => (
            <TransitionButton key={to} url={`${base}/fulfilment`} to={to} />
          ))}
        </div>
      )}
      {status === "unfulfilled" && orderStatus === "paid" && hold && (
        <p className="text-amber-700" data-testid="fulfilment-hold">
          {hold}
        </p>
      )}
      {status === "unfulfilled" && orderStatus !== "paid" && <p className="text-zinc-600">Only a paid order can be shipped (this one is {orderStatus.replace(/_/g, " ")}).</p>}
      <SupportNotes url={`${base}/notes`} notes={notes} />
    </div>
  );
}

function ShipDialog({ url, correcting, carrier, trackingNumber }: { url: string; correcting: boolean; carrier: string | null; trackingNumber: string | null }) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [carrierText, setCarrierText] = useState(carrier ?? "");
  const [trackingText, setTrackingText] = useState(trackingNumber ?? "");
  const [errors, setErrors] = useState<{ carrier?: string; tracking?: string; form?: string }>({});
  const [submitting, setSubmitting] = useState(false);

  function openDialog() {
    setCarrierText(carrier ?? "");
    setTrackingText(trackingNumber ?? "");
    setErrors({});
    setOpen(true);
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const tracking = trackingText.trim();
    if (tracking.length < 3) return setErrors({ tracking: "Enter the carrier's tracking number (at least 3 characters)." });
    setSubmitting(true);
    const result = await post(url, { tracking_number: tracking, ...(carrierText.trim() && { carrier: carrierText.trim() }) });
    setSubmitting(false);
    if (!result.ok) {
      const { message, field } = result.error;
      setErrors(field === "tracking_number" ? { tracking: message } : field === "carrier" ? { carrier: message } : { form: message });
      toast({ title: correcting ? "Tracking not updated" : "Not marked shipped", description: message, tone: "error" });
      return;
    }
    setOpen(false);
    toast({ title: correcting ? "Tracking updated" : "Order marked shipped", description: [carrierText.trim(), tracking].filter(Boolean).join(" "), tone: "success" });
    router.refresh();
  }

  return (
    <>
      <Button size="sm" variant={correcting ? "secondary" : "primary"} onClick={openDialog}>
        {correcting ? "Edit tracking…" : "Mark shipped…"}
      </Button>
      <Dialog
        open={open}
        onOpenChange={(next) => !next && !submitting && setOpen(false)}
        title={correcting ? "Correct the tracking" : "Mark this order shipped?"}
        description={correcting ? "The ship date stays as it was." : "Record the parcel's tracking number; the order shows as shipped everywhere, including the Stripe Dashboard app."}
      >
        <form onSubmit={submit} className="space-y-4" aria-label="Mark shipped" noValidate>
          <Field id="ship-carrier" label="Carrier (optional)" error={errors.carrier}>
            {(describedBy) => (
              <Input
                id="ship-carrier"
                value={carrierText}
                onChange={(e) => setCarrierText(e.target.value)}
                maxLength={40}
                placeholder="UPS"
                aria-describedby={describedBy}
                aria-invalid={errors.carrier ? true : undefined}
              />
            )}
          </Field>
          <Field id="ship-tracking" label="Tracking number" error={errors.tracking}>
            {(describedBy) => (
              <Input
                id="ship-tracking"
                value={trackingText}
                onChange={(e) => setTrackingText(e.target.value)}
                maxLength={64}
                autoComplete="off"
                required
                aria-describedby={describedBy}
                aria-invalid={errors.tracking ? true : undefined}
              />
            )}
          </Field>
          {errors.form && (
            <p className="text-sm text-red-600" role="alert">
              {errors.form}
            </p>
          )}
          <DialogActions>
            <Button variant="secondary" onClick={() => setOpen(false)} disabled={submitting}>
              Cancel
            </Button>
            <Button type="submit" loading={submitting} data-testid="confirm-ship">
              {correcting ? "Save tracking" : "Mark shipped"}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}

function TransitionButton({ url, to }: { url: string; to: FulfilmentTransitionTarget }) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const copy = TRANSITION_COPY[to];

  async function confirm() {
    setSubmitting(true);
    const result = await post(url, { status: to });
    setSubmitting(false);
    setOpen(false);
    if (!result.ok) {
      toast({ title: `Could not ${copy.button.toLowerCase()}`, description: result.error.message, tone: "error" });
    } else {
      toast({ title: copy.toast, tone: "success" });
    }
    router.refresh();
  }

  return (
    <>
      <Button size="sm" variant={to === "returned" ? "ghost" : "secondary"} onClick={() => setOpen(true)}>
        {copy.button}…
      </Button>
      <Dialog open={open} onOpenChange={(next) => !next && !submitting && setOpen(false)} title={copy.title} description={copy.description}>
        <DialogActions>
          <Button variant="secondary" onClick={() => setOpen(false)} disabled={submitting}>
            Cancel
          </Button>
          <Button variant={to === "returned" ? "destructive" : "primary"} loading={submitting} onClick={confirm} data-testid={`confirm-${to}`}>
            {copy.button}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

function SupportNotes({ url, notes }: { url: string; notes: SupportNoteView[] }) {
  const router = useRouter();
  const toast = useToast();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!body.trim()) return setError("The note is empty; write something.");
    setSubmitting(true);
    const result = await post(url, { body });
    setSubmitting(false);
    if (!result.ok) {
      setError(result.error.message);
      toast({ title: "Note not added", description: result.error.message, tone: "error" });
      return;
    }
    setError(null);
    setBody("");
    toast({ title: "Note added", tone: "success" });
    router.refresh();
  }

  return (
    <section aria-labelledby="support-notes-title" className="space-y-3 border-t border-zinc-100 pt-4">
      <h3 id="support-notes-title" className="font-medium text-zinc-900">
        Support notes
      </h3>
      {notes.length === 0 ? (
        <p className="text-zinc-500">No notes yet.</p>
      ) : (
        <ul className="space-y-3" data-testid="order-notes">
          {notes.map((n) => (
            <li key={n.id} className="space-y-1" data-testid="order-note">
              <p className="whitespace-pre-wrap break-words text-zinc-900">{n.body}</p>
              <p className="flex flex-wrap items-center gap-1.5 text-xs text-zinc-500">
                <span className="break-all">{n.author}</span>
                <Badge tone="neutral">{n.source === "stripe_app" ? "Stripe App" : "Admin"}</Badge>
                <span>{formatDateTime(n.createdAt)}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} className="space-y-2" aria-label="Add a support note">
        <Field id="note-body" label="Add a note" error={error}>
          {(describedBy) => (
            <textarea
              id="note-body"
              value={body}
              onChange={(e) => setBody(e.target.value)}
              maxLength={MAX_NOTE_LENGTH}
              rows={3}
              className={cn(fieldClasses, "py-2")}
              aria-describedby={describedBy}
              aria-invalid={error ? true : undefined}
            />
          )}
        </Field>
        <Button type="submit" size="sm" variant="secondary" loading={submitting}>
          Add note
        </Button>
      </form>
    </section>
  );
}
