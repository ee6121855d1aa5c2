import { useState } from "react";
import { Box, Button, TextArea } from "@stripe/ui-extension-sdk/ui";
import { postToBackend, type BackendContext } from "../lib/backend";

type Props = {
  /** What the note is about: one order, or the customer as a whole. */
  target: { order_id: string } | { customer_id: string };
  context: BackendContext;
  onSaved: () => void;
};

/** Action: add a support note (POST /support-notes). */
export function AddNoteForm({ target, context, onSaved }: Props) {
  const [body, setBody] = useState("");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const save = async () => {
    if (body.trim() === "") {
      setError("Write the note first.");
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      await postToBackend("/support-notes", context, { ...target, body });
      setBody("");
      onSaved();
    } catch (e) {
      setError(e instanceof Error ? e.message : "The note was not saved.");
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box css={{ stack: "y", gap: "small" }}>
      <TextArea
        label="Add a support note"
        placeholder="What happened, what was agreed…"
        rows={2}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={error}
        invalid={Boolean(error)}
        disabled={saving}
      />
      <Button size="small" onPress={save} disabled={saving}>
        {saving ? "Saving…" : "Add note"}
      </Button>
    </Box>
  );
}
