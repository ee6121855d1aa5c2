"use client";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import type { PaymentMethodView } from "@/lib/subscriptions/queries";
import { newRequestId, portalFetch } from "./portal-api";
import { usePortalAction } from "./use-portal-action";

const brandName = (brand: string | null) => (brand ? brand.charAt(0).toUpperCase() + brand.slice(1) : "Card");

export function PaymentMethodsCard({ paymentMethods, onAddCard }: { paymentMethods: PaymentMethodView[]; onAddCard: () => void }) {
  const [removing, setRemoving] = useState<PaymentMethodView | null>(null);
  const { busy, run } = usePortalAction();

  return (
    <Card data-testid="payment-methods">
      <CardHeader className="flex flex-row items-start justify-between gap-4 space-y-0">
        <div className="space-y-1">
          <CardTitle>Payment methods</CardTitle>
          <CardDescription>Your default card pays your subscription's invoices.</CardDescription>
        </div>
        <Button variant="secondary" size="sm" className="shrink-0 whitespace-nowrap" onClick={onAddCard}>
          Add card
        </Button>
      </CardHeader>
      <CardContent>
        {paymentMethods.length === 0 ? (
          <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-600">No saved cards. Add one so your subscription can renew.</p>
        ) : (
          <ul className="divide-y divide-zinc-100">
            {paymentMethods.map((pm) => (
              <li key={pm.stripePaymentMethodId} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="payment-method" data-last4={pm.last4 ?? ""}>
                <div className="flex items-center gap-3 text-sm">
                  <span className="font-medium text-zinc-900">
                    {brandName(pm.brand)} •••• {pm.last4}
                  </span>
                  {pm.expMonth && pm.expYear && (
                    <span className="text-zinc-500 tabular-nums">
                      Expires {String(pm.expMonth).padStart(2, "0")}/{String(pm.expYear).slice(-2)}
                    </span>
                  )}
                  {pm.isDefault && <Badge tone="info">Default</Badge>}
                </div>
                <div className="flex gap-2">
                  {!pm.isDefault && (
                    <Button
                      variant="ghost"
                      size="sm"
                      loading={busy === `default:${pm.stripePaymentMethodId}`}
                      onClick={() =>
                        run(
                          `default:${pm.stripePaymentMethodId}`,
                          () => portalFetch(`/api/billing/portal/payment-methods/${encodeURIComponent(pm.stripePaymentMethodId)}/default`, { body: { requestId: newRequestId() } }),
                          () => `${brandName(pm.brand)} •••• ${pm.last4} is now your default card.`,
                        )
                      }
                    >
                      Make default
                    </Button>
                  )}
                  <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" onClick={() => setRemoving(pm)} aria-label={`Remove ${brandName(pm.brand)} ending ${pm.last4}`}>
                    Remove
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
      <Dialog
        open={removing !== null}
        onOpenChange={(o) => !o && setRemoving(null)}
        title="Remove this card?"
        description={removing && <>{brandName(removing.brand)} •••• {removing.last4} will be removed from your account and can't be charged again. To use it later, add it again.</>}
      >
        <DialogActions>
          <Button variant="secondary" onClick={() => setRemoving(null)} disabled={busy !== null}>
            Keep card
          </Button>
          <Button
            variant="destructive"
            loading={busy === "remove"}
            onClick={async () => {
              const pm = removing!;
              await run("remove", () => portalFetch(`/api/billing/portal/payment-methods/${encodeURIComponent(pm.stripePaymentMethodId)}`, { method: "DELETE" }), () => "Card removed.");
              setRemoving(null);
            }}
          >
            Remove card
          </Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
}
