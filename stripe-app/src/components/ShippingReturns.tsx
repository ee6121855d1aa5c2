import { Badge, Banner, Box, Button, Divider, Inline, List, ListItem, Spinner } from "@stripe/ui-extension-sdk/ui";
import type { ExtensionContextValue } from "@stripe/ui-extension-sdk/context";
import type { FulfilmentView, ShippingOrder, StripeAppInvoiceShipping } from "../contract";
import { formatDate, shortOrderId } from "../lib/format";
import { useBackendData } from "../lib/useBackendData";
import { RecordReturnForm } from "./RecordReturnForm";

const FULFILMENT_BADGE = {
  unfulfilled: "warning",
  shipped: "info",
  delivered: "positive",
  returned: "negative",
} as const satisfies Record<FulfilmentView["status"], string>;

/** The invoice page's "Shipping and returns" (POST /invoice-shipping): what the invoice paid for. */
export function ShippingReturns({ context }: { context: ExtensionContextValue }) {
  const { state, reload } = useBackendData<StripeAppInvoiceShipping>("/invoice-shipping", "invoice_id", context);
  return (
    <Box css={{ stack: "y", gap: "small" }}>
      <Divider />
      <Inline css={{ font: "heading" }}>Shipping and returns</Inline>
      {state.status === "loading" && (
        <Box css={{ stack: "x", alignX: "center", padding: "medium" }}>
          <Spinner />
        </Box>
      )}
      {state.status === "error" && (
        <Banner type="critical" title="Could not load shipping and returns" description={state.message} actions={<Button onPress={reload}>Retry</Button>} />
      )}
      {state.status === "ready" &&
        (state.data.orders.length === 0 ? (
          <Inline css={{ color: "secondary" }}>This invoice paid for no Payport order that ships.</Inline>
        ) : (
          state.data.orders.map((order) => <ShippingOrderSection key={order.id} order={order} context={context} onChanged={reload} />)
        ))}
    </Box>
  );
}

function windowText(order: ShippingOrder): string {
  const w = order.returnWindow;
  if (!w) return "Return window: starts when the order ships.";
  return w.open ? `Return window (${w.days} days): open until ${formatDate(w.closesAt)}.` : `Return window (${w.days} days): closed on ${formatDate(w.closesAt)}.`;
}

function ShippingOrderSection({ order, context, onChanged }: { order: ShippingOrder; context: ExtensionContextValue; onChanged: () => void }) {
  const { fulfilment } = order;
  const lineName = (id: string) => order.lines.find((l) => l.id === id)?.productName ?? "item";
  return (
    <Box css={{ stack: "y", gap: "small" }}>
      <Box css={{ stack: "x", gap: "small", alignY: "center" }}>
        <Inline css={{ fontWeight: "semibold" }}>Order {shortOrderId(order.id)}</Inline>
        <Badge type={FULFILMENT_BADGE[fulfilment.status]}>{fulfilment.status}</Badge>
      </Box>
      {fulfilment.trackingNumber && (
        <Inline>
          {fulfilment.carrier ? `${fulfilment.carrier} ` : ""}
          {fulfilment.trackingNumber} · shipped {formatDate(fulfilment.shippedAt)}
          {fulfilment.deliveredAt ? ` · delivered ${formatDate(fulfilment.deliveredAt)}` : ""}
        </Inline>
      )}
      <Inline css={{ color: "secondary" }}>{windowText(order)}</Inline>
      <List>
        {order.lines.map((line) => (
          <ListItem
            key={line.id}
            id={line.id}
            title={`${line.productName} × ${line.quantity}`}
            secondaryTitle={`${line.shippedQuantity} shipped · ${line.returnedQuantity} returned`}
          />
        ))}
      </List>
      {order.returns.length === 0 ? (
        <Inline css={{ color: "secondary" }}>No returns.</Inline>
      ) : (
        <List>
          {order.returns.map((r) => (
            <ListItem
              key={r.id}
              id={r.id}
              title={`Return: ${r.quantity} × ${lineName(r.orderLineId)} ${r.status}`}
              secondaryTitle={[r.reason, r.outsideWindow ? "outside the window (override)" : null, `${r.recordedBy} · ${formatDate(r.createdAt)}`].filter(Boolean).join(" · ")}
            />
          ))}
        </List>
      )}
      {order.returnWindow && <RecordReturnForm order={order} context={context} onSaved={onChanged} />}
    </Box>
  );
}
