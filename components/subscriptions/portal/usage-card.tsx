"use client";
// Usage this period of the metered add-on, and the API keys that report it.
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyableId } from "@/components/ui/copy-button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import type { PortalData } from "@/lib/customers/billing-overview";
import { formatDate, formatMoney } from "./format";
import { newRequestId, portalFetch } from "./portal-api";
import { usePortalAction } from "./use-portal-action";

export function UsageCard({
  usage,
  usageError,
  usageKeys,
  addonOffer,
  subscriptionId,
  appUrl,
}: Pick<PortalData, "usage" | "usageError" | "usageKeys" | "addonOffer"> & { subscriptionId: string | null; appUrl: string }) {
  const [created, setCreated] = useState<string | null>(null);
  const [adding, setAdding] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<{ id: string; prefix: string } | null>(null);
  const { busy, run } = usePortalAction();
  const active = usageKeys.filter((k) => !k.revokedAt);

  return (
    <Card data-testid="usage">
      <CardHeader>
        <CardTitle>Usage</CardTitle>
        <CardDescription>Metered usage is billed in arrears on your next renewal invoice.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        {usageError ? (
          <div role="alert" className="flex items-center justify-between gap-3 rounded-lg bg-red-50 p-3 text-sm text-red-800">
            <p>We couldn't load your usage right now.</p>
            <Button variant="secondary" size="sm" onClick={() => window.location.reload()}>
              Retry
            </Button>
          </div>
        ) : usage ? (
          <div className="flex flex-wrap items-end justify-between gap-4" data-testid="usage-this-period">
            <div>
              <p className="text-sm text-zinc-500">
                {usage.addonName}, {formatDate(usage.periodStart)} – {formatDate(usage.periodEnd)}
              </p>
              <p className="text-3xl font-semibold text-zinc-900 tabular-nums" data-testid="usage-quantity">
                {usage.quantity.toLocaleString("en-US")}
              </p>
            </div>
            {usage.estimatedAmount != null && (
              <p className="text-sm text-zinc-600">
                So far: <span className="font-medium text-zinc-900 tabular-nums">{formatMoney(usage.estimatedAmount, usage.currency)}</span>
                {usage.unitAmount != null && <> ({formatMoney(usage.unitAmount, usage.currency)} per unit)</>}
              </p>
            )}
          </div>
        ) : addonOffer && subscriptionId ? (
          <div className="flex flex-wrap items-center justify-between gap-3" data-testid="usage-none">
            <p className="text-sm text-zinc-600">
              Add {addonOffer.name} to report usage: {formatMoney(addonOffer.unitAmount, addonOffer.currency)} per unit, billed with your renewal.
            </p>
            <Button variant="secondary" size="sm" onClick={() => setAdding(newRequestId())}>
              Add {addonOffer.name}
            </Button>
          </div>
        ) : (
          <p className="text-sm text-zinc-600" data-testid="usage-none">
            Your plan has no usage add-on. Usage reported with an API key is recorded once it has one.
          </p>
        )}

        <div className="space-y-3 border-t border-zinc-100 pt-4">
          <div className="flex items-center justify-between gap-3">
            <h3 className="text-sm font-semibold text-zinc-900">Usage API keys</h3>
            <Button
              variant="secondary"
              size="sm"
              loading={busy === "create"}
              onClick={async () => {
                const key = await run("create", () => portalFetch<{ key: string }>("/api/billing/portal/usage-keys"), () => "API key created.");
                if (key) setCreated(key.key);
              }}
            >
              Create key
            </Button>
          </div>
          {created && (
            <div className="space-y-2 rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm" data-testid="new-usage-key">
              <p className="font-medium text-emerald-900">Copy your key now: it won't be shown again.</p>
              <CopyableId value={created} />
              <pre className="rounded bg-white p-2 text-xs break-all whitespace-pre-wrap text-zinc-700">
                {`curl -X POST ${appUrl}/api/usage \\\n  -H "Authorization: Bearer ${created}" \\\n  -H "Idempotency-Key: $(uuidgen)" \\\n  -H "Content-Type: application/json" -d '{"value": 1}'`}
              </pre>
            </div>
          )}
          {usageKeys.length === 0 ? (
            <p className="text-sm text-zinc-600">No keys yet. Create one to report usage from your servers.</p>
          ) : (
            <ul className="divide-y divide-zinc-100 text-sm">
              {usageKeys.map((k) => (
                <li key={k.id} className="flex items-center justify-between gap-3 py-2" data-testid="usage-key">
                  <span className="font-mono text-xs text-zinc-700">{k.prefix}…</span>
                  <span className="text-zinc-500">Created {formatDate(k.createdAt)}</span>
                  {k.revokedAt ? (
                    <Badge>Revoked</Badge>
                  ) : (
                    <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" onClick={() => setRevoking(k)}>
                      Revoke
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {active.length > 0 && <p className="text-xs text-zinc-500">{active.length} active.</p>}
        </div>
      </CardContent>
      {addonOffer && subscriptionId && (
        <Dialog
          open={adding !== null}
          onOpenChange={(o) => !o && setAdding(null)}
          title={`Add ${addonOffer.name}?`}
          description={
            <>
              Each unit you report costs {formatMoney(addonOffer.unitAmount, addonOffer.currency)}, billed at the end of each {addonOffer.interval} on your renewal invoice. Nothing is
              charged now.
            </>
          }
        >
          <DialogActions>
            <Button variant="secondary" onClick={() => setAdding(null)} disabled={busy !== null}>
              Not now
            </Button>
            <Button
              loading={busy === "addon"}
              onClick={async () => {
                const done = await run(
                  "addon",
                  () => portalFetch(`/api/billing/portal/subscriptions/${encodeURIComponent(subscriptionId)}/addon`, { body: { requestId: adding } }),
                  () => `${addonOffer.name} added.`,
                );
                if (done) setAdding(null);
              }}
            >
              Add {addonOffer.name}
            </Button>
          </DialogActions>
        </Dialog>
      )}
      <Dialog
        open={revoking !== null}
        onOpenChange={(o) => !o && setRevoking(null)}
        title="Revoke this key?"
        description={revoking && <>Requests with {revoking.prefix}… are refused from now on. Anything still using it stops reporting usage.</>}
      >
        <DialogActions>
          <Button variant="secondary" onClick={() => setRevoking(null)} disabled={busy !== null}>
            Keep key
          </Button>
          <Button
            variant="destructive"
            loading={busy === "revoke"}
            onClick={async () => {
              const k = revoking!;
              await run("revoke", () => portalFetch(`/api/billing/portal/usage-keys/${encodeURIComponent(k.id)}`, { method: "DELETE" }), () => "Key revoked.");
              setRevoking(null);
            }}
          >
            Revoke key
          </Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
}
