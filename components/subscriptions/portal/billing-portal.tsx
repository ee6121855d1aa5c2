"use client";
// The customer portal: summary and the likely action on top, then plan
// changes, cards, invoices and usage.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import type { PortalData, PortalInvoice } from "@/lib/customers/billing-overview";
import type { BrowserStripeConfig } from "@/lib/stripe/load-stripe";
import { AddCardDialog } from "./add-card-dialog";
import { ChangePlan } from "./change-plan";
import { formatMoney } from "./format";
import { InvoicesCard } from "./invoices-card";
import { PaymentMethodsCard } from "./payment-methods-card";
import { newRequestId, portalFetch } from "./portal-api";
import { SubscriptionSummary } from "./subscription-summary";
import { UsageCard } from "./usage-card";
import { usePortalAction } from "./use-portal-action";

export function BillingPortal({ data, stripeConfig, appUrl }: { data: PortalData; stripeConfig: BrowserStripeConfig; appUrl: string }) {
  const [addCard, setAddCard] = useState<"add" | "update" | null>(null);
  const { busy, run } = usePortalAction();
  const router = useRouter();
  const toast = useToast();
  const { subscription } = data;
  const changeable = subscription && (subscription.status === "active" || subscription.status === "trialing");

  const [paying, setPaying] = useState<{ invoice: PortalInvoice; requestId: string } | null>(null);
  const defaultCard = data.paymentMethods.find((pm) => pm.isDefault);

  function pay(invoice: PortalInvoice) {
    setPaying({ invoice, requestId: newRequestId() });
  }

  async function confirmPay() {
    const { invoice, requestId } = paying!;
    const done = await run(
      `pay:${invoice.stripeInvoiceId}`,
      () =>
        portalFetch<{ amountPaid: number; currency: string }>(`/api/billing/portal/invoices/${encodeURIComponent(invoice.stripeInvoiceId)}/pay`, {
          body: { requestId },
        }),
      (r) => `Payment of ${formatMoney(r.amountPaid, r.currency)} received. Thank you!`,
    );
    if (done) setPaying(null);
  }

  return (
    <div className="space-y-6">
      <SubscriptionSummary
        subscription={subscription}
        openInvoice={data.openInvoice}
        onUpdateCard={() => setAddCard("update")}
        onPayNow={pay}
        paying={busy === `pay:${data.openInvoice?.stripeInvoiceId}`}
        finalUsage={data.usage?.estimatedAmount ? { amount: data.usage.estimatedAmount, currency: data.usage.currency } : null}
      />
      {subscription && changeable && <ChangePlan subscription={subscription} plans={data.plans} />}
      <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <PaymentMethodsCard paymentMethods={data.paymentMethods} onAddCard={() => setAddCard("add")} />
        <UsageCard
          usage={data.usage}
          usageError={data.usageError}
          usageKeys={data.usageKeys}
          addonOffer={data.addonOffer}
          subscriptionId={subscription?.id ?? null}
          appUrl={appUrl}
        />
      </div>
      <InvoicesCard invoices={data.invoices} onPay={pay} payingId={busy?.startsWith("pay:") ? busy.slice(4) : null} />
      <Dialog
        open={paying !== null}
        onOpenChange={(o) => !o && setPaying(null)}
        title={paying ? `Pay ${formatMoney(paying.invoice.amountRemaining, paying.invoice.currency)} now?` : "Pay now?"}
        description={
          paying && (
            <>
              Invoice {paying.invoice.number ?? ""} is charged to{" "}
              {defaultCard ? `your default card (${defaultCard.brand ?? "card"} •••• ${defaultCard.last4})` : "your default card"}. If it goes through, your subscription is
              active again.
            </>
          )
        }
      >
        <DialogActions>
          <Button variant="secondary" onClick={() => setPaying(null)} disabled={busy !== null}>
            Not now
          </Button>
          <Button onClick={confirmPay} loading={busy?.startsWith("pay:")} data-testid="confirm-pay">
            {paying ? `Pay ${formatMoney(paying.invoice.amountRemaining, paying.invoice.currency)}` : "Pay"}
          </Button>
        </DialogActions>
      </Dialog>
      <AddCardDialog
        open={addCard !== null}
        onOpenChange={(o) => !o && setAddCard(null)}
        stripeConfig={stripeConfig}
        makeDefault={addCard === "update" || data.paymentMethods.length === 0}
        title={addCard === "update" ? "Update payment method" : "Add a card"}
        onSaved={(saved) => {
          setAddCard(null);
          toast({ title: saved.isDefault ? "Card saved as your default." : "Card saved.", tone: "success" });
          router.refresh();
        }}
      />
    </div>
  );
}
