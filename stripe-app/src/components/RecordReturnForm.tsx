import { useState } from "react";
import { Box, Button, Checkbox, Select, TextField } from "@stripe/ui-extension-sdk/ui";
import type { ShippingLine, ShippingOrder, StripeAppReturnResult } from "../contract";
import { newRequestId, postToBackend, type BackendContext } from "../lib/backend";

type Props = { order: ShippingOrder; context: BackendContext; onSaved: () => void };

/**
 * Action: record a return of a shipped line (POST /returns). The backend
 * refuses more than was shipped and, after the window, anything without the
 * override; the form says so first and offers the override only then.
 */
/**
 * What can still come back of a line: a request covers what is not already
 * coming back, a receipt what has not arrived yet (the backend's rule).
 */
function leftToReturn(order: ShippingOrder, line: ShippingLine, status: "requested" | "received"): number {
  let requested = 0;
  let received = 0;
  for (const r of order.returns) {
    if (r.orderLineId !== line.id) continue;
    if (r.status === "received") received += r.quantity;
    else requested += r.quantity;
  }
  return line.shippedQuantity - (status === "received" ? received : Math.max(requested, received));
}

export function RecordReturnForm({ order, context, onSaved }: Props) {
  const returnable = order.lines.filter((l) => leftToReturn(order, l, "received") > 0);
  const [lineId, setLineId] = useState(returnable[0]?.id ?? "");
  const [quantity, setQuantity] = useState("1");
  const [status, setStatus] = useState<"requested" | "received">("requested");
  const [reason, setReason] = useState("");
  const [override, setOverride] = useState(false);
  // One id per filled-in form: a retried save records the return once.
  const [requestId, setRequestId] = useState(newRequestId);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | undefined>();

  if (returnable.length === 0) return null;
  const windowClosed = order.returnWindow !== null && !order.returnWindow.open;
  const edited = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setRequestId(newRequestId());
  };

  const save = async () => {
    const line = returnable.find((l) => l.id === lineId);
    const count = Number(quantity);
    if (!line) return setError("Choose the line that comes back.");
    if (!Number.isInteger(count) || count < 1) return setError("Enter how many items come back (a whole number, at least 1).");
    const left = leftToReturn(order, line, status);
    if (count > left) return setError(`Only ${left} × ${line.productName} can still be ${status === "received" ? "received back" : "returned"}.`);
    if (windowClosed && !override) return setError("The return window has closed: tick the override to accept this return anyway.");
    setSaving(true);
    setError(undefined);
    try {
      await postToBackend<StripeAppReturnResult>("/returns", context, {
        order_id: order.id,
        order_line_id: line.id,
        quantity: count,
        status,
        ...(reason.trim() && { reason: reason.trim() }),
        ...(override && { override_window: true }),
        request_id: requestId,
      });
      setQuantity("1");
      setReason("");
      setOverride(false);
      setRequestId(newRequestId());
      onSaved();
    } catch (e) {
      setError(e instanceof Error ? e.message : "The return was not recorded.");
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box css={{ stack: "y", gap: "small" }}>
      <Select label="Line returned" value={lineId} onChange={(e) => edited(setLineId)(e.target.value)} disabled={saving}>
        {returnable.map((l) => (
          <option key={l.id} value={l.id}>
            {l.productName} ({leftToReturn(order, l, status)} {status === "received" ? "to receive" : "returnable"})
          </option>
        ))}
      </Select>
      <TextField label="Quantity" value={quantity} onChange={(e) => edited(setQuantity)(e.target.value)} error={error} invalid={Boolean(error)} disabled={saving} />
      <Select label="Status" value={status} onChange={(e) => edited(setStatus)(e.target.value === "received" ? "received" : "requested")} disabled={saving}>
        <option value="requested">Requested: the customer will send it back</option>
        <option value="received">Received: it arrived</option>
      </Select>
      <TextField label="Reason (optional)" value={reason} onChange={(e) => edited(setReason)(e.target.value)} disabled={saving} />
      {windowClosed && (
        <Checkbox
          label="Accept outside the return window (staff override)"
          checked={override}
          onChange={(e) => edited(setOverride)(e.target.checked)}
          disabled={saving}
        />
      )}
      <Button size="small" type="primary" onPress={save} disabled={saving}>
        {saving ? "Saving…" : "Record return"}
      </Button>
    </Box>
  );
}
