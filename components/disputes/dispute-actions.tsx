"use client";
// Respond to a dispute: submit text evidence, or accept it. Each goes through
// a confirmation dialog; the submission id is made once per form and reused
// on retries, so the server's idempotency key never sends it twice.
import { useRouter } from "next/navigation";
import { disputeStatusLabel } from "@/components/status-badges";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, fieldClasses } from "@/components/ui/input";
import { cn } from "@/components/ui/cn";
import { useToast } from "@/components/ui/toast";
import { TEXT_EVIDENCE_FIELDS, type TextEvidenceField } from "@/lib/disputes/schemas";

const MAIN_FIELDS: TextEvidenceField[] = ["product_description", "customer_communication", "uncategorized_text"];
const HINTS: Partial<Record<TextEvidenceField, string>> = {
  product_description: "What was sold, and how it was delivered.",
  customer_communication: "Emails or messages that show the customer received or acknowledged it.",
  uncategorized_text: "Anything else the bank should know.",
};

const newSubmissionId = () => crypto.randomUUID().replaceAll("-", "");

export function DisputeActions({ disputeId, amountLabel }: { disputeId: string; amountLabel: string }) {
  const router = useRouter();
  const toast = useToast();
  const [evidence, setEvidence] = useState<Partial<Record<TextEvidenceField, string>>>({});
  const [showMore, setShowMore] = useState(false);
  const [dialog, setDialog] = useState<"submit" | "accept" | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [submissionId, setSubmissionId] = useState(newSubmissionId);

  const filled = Object.values(evidence).some((v) => v && v.trim() !== "");
  const fields = showMore ? (Object.keys(TEXT_EVIDENCE_FIELDS) as TextEvidenceField[]) : MAIN_FIELDS;

  async function send(action: "evidence" | "close") {
    setBusy(true);
    setError(null);
    try {
      const body = action === "evidence" ? { evidence, submit: true, submissionId } : { submissionId };
      const res = await fetch(`/api/admin/disputes/${encodeURIComponent(disputeId)}/${action}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const json = await res.json();
      if (!res.ok) {
        setError(json.error ?? { message: "That did not work." });
        if (res.status !== 502) setSubmissionId(newSubmissionId()); // a definite answer: the next attempt is a new submission
        return;
      }
      toast({ tone: "success", title: action === "evidence" ? "Evidence submitted" : "Dispute accepted", description: `Status: ${disputeStatusLabel(String(json.status))}` });
      setEvidence({});
      setSubmissionId(newSubmissionId());
      router.refresh();
    } catch {
      setError({ message: "The server could not be reached. Try again." });
    } finally {
      setBusy(false);
      setDialog(null);
    }
  }

  return (
    <Card data-testid="dispute-actions">
      <CardHeader>
        <CardTitle>Respond</CardTitle>
        <CardDescription>Submit evidence to contest the dispute, or accept it to refund {amountLabel} to the cardholder.</CardDescription>
      </CardHeader>
      <CardContent>
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (!filled) return setError({ message: "Fill in at least one evidence field.", field: "evidence" });
            setDialog("submit");
          }}
        >
          {fields.map((field) => (
            <Field key={field} id={`evidence-${field}`} label={TEXT_EVIDENCE_FIELDS[field]} hint={HINTS[field]} error={error?.field === `evidence.${field}` ? error.message : null}>
              {(describedBy) => (
                <textarea
                  id={`evidence-${field}`}
                  name={field}
                  rows={field === "product_description" || field === "uncategorized_text" ? 3 : 2}
                  maxLength={20_000}
                  value={evidence[field] ?? ""}
                  onChange={(e) => setEvidence((all) => ({ ...all, [field]: e.target.value }))}
                  aria-describedby={describedBy}
                  className={cn(fieldClasses, "py-2")}
                />
              )}
            </Field>
          ))}
          <button type="button" className="text-sm font-medium text-accent-700 hover:underline" onClick={() => setShowMore((v) => !v)}>
            {showMore ? "Fewer fields" : "More evidence fields"}
          </button>
          {error && !error.field?.startsWith("evidence.") && (
            <p className="text-sm text-red-600" role="alert">
              {error.message}
            </p>
          )}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" loading={busy && dialog === "submit"}>
              Submit evidence…
            </Button>
            <Button type="button" variant="ghost" onClick={() => setDialog("accept")}>
              Accept dispute…
            </Button>
          </div>
        </form>

        <Dialog
          open={dialog === "submit"}
          onOpenChange={(open) => !busy && setDialog(open ? "submit" : null)}
          title="Submit this evidence?"
          description="It goes to the cardholder's bank now. You cannot change or add to it afterwards."
        >
          <DialogActions>
            <Button variant="secondary" onClick={() => setDialog(null)} disabled={busy}>
              Cancel
            </Button>
            <Button onClick={() => send("evidence")} loading={busy}>
              Submit evidence
            </Button>
          </DialogActions>
        </Dialog>
        <Dialog
          open={dialog === "accept"}
          onOpenChange={(open) => !busy && setDialog(open ? "accept" : null)}
          title="Accept this dispute?"
          description={`You lose it: ${amountLabel} and the dispute fee stay with the cardholder. This cannot be undone.`}
        >
          <DialogActions>
            <Button variant="secondary" onClick={() => setDialog(null)} disabled={busy}>
              Keep disputing
            </Button>
            <Button variant="destructive" onClick={() => send("close")} loading={busy}>
              Accept dispute
            </Button>
          </DialogActions>
        </Dialog>
      </CardContent>
    </Card>
  );
}
