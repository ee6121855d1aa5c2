"use client";
// "Reconcile with Stripe": lists Stripe objects created since a date and
// repairs what missed webhooks left behind; shows what changed. Confirmed
// first, because it writes to the database (and is audited).
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";

type Report = {
  since: string;
  counts: Record<string, { seen: number; changed: number }>;
  changes: { kind: string; stripeId: string; table: string; rowId: string; action: string; fields: Record<string, [unknown, unknown]> }[];
  errors: { kind: string; stripeId: string; message: string }[];
};

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

export function ReconcileForm() {
  const toast = useToast();
  const [since, setSince] = useState(daysAgo(3));
  const [confirming, setConfirming] = useState(false);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<Report | null>(null);

  async function run() {
    setRunning(true);
    setError(null);
    try {
      const res = await fetch("/api/admin/reconcile", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ since }) });
      const json = await res.json();
      if (!res.ok) {
        setError(json.error?.message ?? "Reconciliation failed.");
        return;
      }
      setReport(json);
      toast({ tone: "success", title: json.changes.length ? `Repaired ${json.changes.length} records` : "Nothing to repair", description: "The database matches Stripe." });
    } catch {
      setError("The server could not be reached. Try again.");
    } finally {
      setRunning(false);
      setConfirming(false);
    }
  }

  return (
    <Card data-testid="reconcile">
      <CardHeader>
        <CardTitle>Reconcile with Stripe</CardTitle>
        <CardDescription>Re-reads payments, charges, refunds, disputes, subscriptions and invoices created at Stripe since a date and repairs anything a missed webhook left out of date.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            setConfirming(true);
          }}
        >
          <div className="w-48">
            <Field id="reconcile-since" label="Created since" error={error}>
              {(describedBy) => (
                <Input id="reconcile-since" type="date" value={since} max={daysAgo(0)} required onChange={(e) => setSince(e.target.value)} aria-describedby={describedBy} aria-invalid={error ? true : undefined} />
              )}
            </Field>
          </div>
          <Button type="submit" variant="secondary" loading={running}>
            Reconcile…
          </Button>
        </form>

        {report && (
          <div className="space-y-3 text-sm" data-testid="reconcile-report">
            <ul className="flex flex-wrap gap-x-6 gap-y-1 text-zinc-700">
              {Object.entries(report.counts).map(([kind, c]) => (
                <li key={kind}>
                  <span className="font-medium">{kind.replace("_", " ")}</span>: {c.seen} checked, {c.changed} repaired
                </li>
              ))}
            </ul>
            {report.changes.length > 0 && (
              <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200">
                {report.changes.map((c) => (
                  <li key={`${c.table}-${c.rowId}-${c.stripeId}`} className="px-3 py-2">
                    <span className="font-medium">
                      {c.action} {c.table}
                    </span>{" "}
                    <code className="font-mono text-xs">{c.rowId}</code> from <code className="font-mono text-xs">{c.stripeId}</code>
                    <span className="block text-xs text-zinc-600">
                      {Object.entries(c.fields)
                        .map(([k, [from, to]]) => `${k}: ${JSON.stringify(from)} → ${JSON.stringify(to)}`)
                        .join(", ")}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {report.errors.length > 0 && (
              <ul className="space-y-1 text-red-700" role="alert">
                {report.errors.map((e) => (
                  <li key={e.stripeId}>
                    {e.kind} {e.stripeId}: {e.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}

        <Dialog
          open={confirming}
          onOpenChange={(open) => !running && setConfirming(open)}
          title="Reconcile with Stripe?"
          description={`Everything created at Stripe since ${since} is read again and our records are corrected to match. The run is recorded in the audit log.`}
        >
          <DialogActions>
            <Button variant="secondary" onClick={() => setConfirming(false)} disabled={running}>
              Cancel
            </Button>
            <Button onClick={run} loading={running}>
              Reconcile
            </Button>
          </DialogActions>
        </Dialog>
      </CardContent>
    </Card>
  );
}
