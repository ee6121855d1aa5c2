import { Badge, Banner, Box, Button, ContextView, Divider, Inline, List, ListItem, Spinner } from "@stripe/ui-extension-sdk/ui";
import type { ReactNode } from "react";
import type { ExtensionContextValue } from "@stripe/ui-extension-sdk/context";
import { AddNoteForm } from "./AddNoteForm";
import { MarkShippedForm } from "./MarkShippedForm";
import { formatAmount, formatDate, shortOrderId } from "../lib/format";
import type { StripeAppOrder, StripeAppSubscription, StripeAppView, FulfilmentView, SupportNoteView } from "../contract";
import { useBackendData } from "../lib/useBackendData";

const ORDER_STATUS_BADGE: Record<string, "neutral" | "urgent" | "warning" | "negative" | "positive" | "info"> = {
  paid: "positive",
  pending: "neutral",
  processing: "info",
  requires_action: "warning",
  failed: "negative",
  canceled: "neutral",
  refunded: "warning",
};

// One badge per status of the contract: a status added or removed there fails this type-check.
const FULFILMENT_BADGE = {
  unfulfilled: "warning",
  shipped: "info",
  delivered: "positive",
  returned: "negative",
} as const satisfies Record<FulfilmentView["status"], string>;

const EMPTY_TEXT: Record<StripeAppView["object"]["type"], string> = {
  customer: "This customer has no Payport orders yet.",
  payment_intent: "No Payport order was paid with this payment.",
  charge: "No Payport order was paid with this charge.",
  invoice: "No Payport orders for this invoice's customer.",
};

type Props = {
  /** Backend route and the body field that carries the Dashboard object's id. */
  path: "/customer" | "/payment" | "/invoice";
  idField: "customer_id" | "payment_id" | "invoice_id";
  title: string;
  context: ExtensionContextValue;
  /** The view's own sections, shown under the orders once they have loaded. */
  children?: ReactNode;
};

/** The whole view: loading, error (with Retry), empty and data states, and the two actions. */
export function PayportPanel({ path, idField, title, context, children }: Props) {
  const { state, reload } = useBackendData<StripeAppView>(path, idField, context);

  return (
    <ContextView title={title} description="Orders, shipping and support notes from Payport">
      {state.status === "loading" && (
        <Box css={{ stack: "x", alignX: "center", padding: "large" }}>
          <Spinner size="large" />
        </Box>
      )}

      {state.status === "error" && (
        <Banner type="critical" title="Could not load Payport data" description={state.message} actions={<Button onPress={reload}>Retry</Button>} />
      )}

      {state.status === "ready" && (
        <Box css={{ stack: "y", gap: "large" }}>
          <Box css={{ stack: "y", gap: "small" }}>
            <Inline css={{ font: "heading" }}>Plan</Inline>
            {state.data.subscription ? (
              <PlanSection subscription={state.data.subscription} />
            ) : (
              <Inline css={{ color: "secondary" }}>No subscription.</Inline>
            )}
          </Box>

          {state.data.orders.length === 0 ? (
            <Inline css={{ color: "secondary" }}>{EMPTY_TEXT[state.data.object.type]}</Inline>
          ) : (
            state.data.orders.map((order) => <OrderSection key={order.id} order={order} context={context} onChanged={reload} />)
          )}

          {state.data.customer && (
            <Box css={{ stack: "y", gap: "small" }}>
              <Divider />
              <Inline css={{ font: "heading" }}>Customer notes</Inline>
              <NoteList notes={state.data.customer.notes} empty="No notes about this customer." />
              <AddNoteForm target={{ customer_id: state.data.customer.id }} context={context} onSaved={reload} />
            </Box>
          )}

          {children}

          <Button type="secondary" onPress={reload}>
            Refresh
          </Button>
        </Box>
      )}
    </ContextView>
  );
}

function OrderSection({ order, context, onChanged }: { order: StripeAppOrder; context: ExtensionContextValue; onChanged: () => void }) {
  const { fulfilment } = order;
  const canShip = order.status === "paid" && (fulfilment.status === "unfulfilled" || fulfilment.status === "shipped");
  return (
    <Box css={{ stack: "y", gap: "small" }}>
      <Divider />
      <Box css={{ stack: "x", gap: "small", alignY: "center" }}>
        <Inline css={{ font: "heading" }}>Order {shortOrderId(order.id)}</Inline>
        <Badge type={ORDER_STATUS_BADGE[order.status] ?? "neutral"}>{order.status}</Badge>
        <Inline css={{ color: "secondary" }}>
          {formatAmount(order.amount, order.currency)} · {formatDate(order.createdAt)}
        </Inline>
      </Box>
      <List>
        {order.lines.map((line, i) => (
          <ListItem key={`${order.id}-${i}`} id={`${order.id}-${i}`} title={`${line.productName} × ${line.quantity}`} value={formatAmount(line.amount, order.currency)} />
        ))}
      </List>
      <Box css={{ stack: "x", gap: "small", alignY: "center" }}>
        <Badge type={FULFILMENT_BADGE[fulfilment.status]}>{fulfilment.status}</Badge>
        {fulfilment.trackingNumber && (
          <Inline>
            {fulfilment.carrier ? `${fulfilment.carrier} ` : ""}
            {fulfilment.trackingNumber} · shipped {formatDate(fulfilment.shippedAt)}
          </Inline>
        )}
        {fulfilment.deliveredAt && <Inline>delivered {formatDate(fulfilment.deliveredAt)}</Inline>}
      </Box>
      {canShip && <MarkShippedForm orderId={order.id} context={context} onSaved={onChanged} correcting={fulfilment.status === "shipped"} />}
      <NoteList notes={order.notes} empty="No notes on this order." />
      <AddNoteForm target={{ order_id: order.id }} context={context} onSaved={onChanged} />
    </Box>
  );
}

function NoteList({ notes, empty }: { notes: SupportNoteView[]; empty: string }) {
  if (notes.length === 0) return <Inline css={{ color: "secondary" }}>{empty}</Inline>;
  return (
    <List>
      {notes.map((note) => (
        <ListItem key={note.id} id={note.id} title={note.body} secondaryTitle={`${note.author} · ${formatDate(note.createdAt)}`} />
      ))}
    </List>
  );
}

const SUBSCRIPTION_BADGE: Record<string, "neutral" | "urgent" | "warning" | "negative" | "positive" | "info"> = {
  active: "positive",
  trialing: "info",
  past_due: "urgent",
  unpaid: "negative",
  incomplete: "warning",
  paused: "neutral",
};

/** The plan, what it includes, and this period's metered usage. */
function PlanSection({ subscription }: { subscription: StripeAppSubscription }) {
  const price =
    subscription.unitAmount != null && subscription.currency
      ? `${formatAmount(subscription.unitAmount, subscription.currency)}${subscription.interval ? ` / ${subscription.interval}` : ""}${subscription.quantity && subscription.quantity > 1 ? ` × ${subscription.quantity} seats` : ""}`
      : null;
  return (
    <Box css={{ stack: "y", gap: "xsmall" }}>
      <Box css={{ stack: "x", gap: "small", alignY: "center" }}>
        <Inline css={{ fontWeight: "semibold" }}>{subscription.planName ?? subscription.id}</Inline>
        <Badge type={SUBSCRIPTION_BADGE[subscription.status] ?? "neutral"}>{subscription.status.replace("_", " ")}</Badge>
      </Box>
      {price && <Inline>{price}</Inline>}
      <Inline css={{ color: "secondary" }}>
        {subscription.cancelAtPeriodEnd ? "Ends" : "Renews"} {formatDate(subscription.currentPeriodEnd)}
        {subscription.trialEnd ? ` · trial ends ${formatDate(subscription.trialEnd)}` : ""}
      </Inline>
      {subscription.features.length > 0 && (
        <List>
          {subscription.features.map((feature) => (
            <ListItem key={feature} id={feature} title={feature} />
          ))}
        </List>
      )}
      {subscription.usage && (
        <Inline>
          {subscription.usage.addonName}: {subscription.usage.quantity.toLocaleString("en-US")} this period
          {subscription.usage.estimatedAmount != null ? ` (${formatAmount(subscription.usage.estimatedAmount, subscription.usage.currency)})` : ""}
        </Inline>
      )}
    </Box>
  );
}
