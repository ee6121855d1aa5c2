import { useState } from "react";
import { Box, Button, TextField } from "@stripe/ui-extension-sdk/ui";
import { postToBackend, type BackendContext } from "../lib/backend";

type Props = { orderId: string; context: BackendContext; onSaved: () => void; correcting: boolean };

/** Action: mark an order shipped with a tracking number (POST /mark-shipped). */
export function MarkShippedForm({ orderId, context, onSaved, correcting }: Props) {
  const [trackingNumber, setTrackingNumber] = useState("");
  const [carrier, setCarrier] = useState("");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const save = async () => {
    if (trackingNumber.trim() === "") {
      setError("Enter the carrier's tracking number.");
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      const extra: Record<string, string> = { order_id: orderId, tracking_number: trackingNumber.trim() };
      if (carrier.trim()) extra.carrier = carrier.trim();
      await postToBackend("/mark-shipped", context, extra);
      setTrackingNumber("");
      setCarrier("");
      onSaved();
    } catch (e) {
      setError(e instanceof Error ? e.message : "The shipment was not saved.");
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box css={{ stack: "y", gap: "small" }}>
      <TextField
        label={correcting ? "Correct the tracking number" : "Tracking number"}
        placeholder="1Z999AA10123456784"
        value={trackingNumber}
        onChange={(e) => setTrackingNumber(e.target.value)}
        error={error}
        invalid={Boolean(error)}
        disabled={saving}
      />
      <TextField label="Carrier (optional)" placeholder="UPS" value={carrier} onChange={(e) => setCarrier(e.target.value)} disabled={saving} />
      <Button size="small" type="primary" onPress={save} disabled={saving}>
        {saving ? "Saving…" : correcting ? "Update shipment" : "Mark shipped"}
      </Button>
    </Box>
  );
}
