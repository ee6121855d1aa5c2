"use client";
// Replay re-runs the event's handler (idempotent); Ignore marks it as needing nothing. Both are audited.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";

export function EventActions({ id, status, size = "sm" }: { id: string; status: string; size?: "sm" | "md" }) {
  const router = useRouter();
  const toast = useToast();
  const [busy, setBusy] = useState<"replay" | "ignore" | null>(null);

  async function act(action: "replay" | "ignore") {
    setBusy(action);
    try {
      const res = await fetch(`/api/admin/events/${encodeURIComponent(id)}/${action}`, { method: "POST" });
      const body = await res.json().catch(() => null);
      if (!res.ok) {
        toast({ title: `Could not ${action} the event`, description: body?.error?.message ?? "Try again.", tone: "error" });
      } else if (action === "replay") {
        toast(
          body.status === "failed"
            ? { title: "Replay failed again", description: body.error, tone: "error" }
            : body.status === "unmatched"
              ? { title: "Still nothing to apply it to", description: body.reason, tone: "error" }
              : body.status === "other_mode" || body.status === "foreign_account"
                ? { title: body.status === "other_mode" ? "Not applied: the event is of the other mode" : "Not applied: the event is of another Stripe account", description: id, tone: "success" }
                : { title: body.status === "processed" ? "Event replayed" : "No handler for this event type", description: id, tone: "success" },
        );
      } else {
        toast({ title: "Event ignored", description: id, tone: "success" });
      }
      router.refresh();
    } catch {
      toast({ title: "The network failed", description: "Nothing may have happened; reload to check.", tone: "error" });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="flex gap-2">
      <Button size={size} variant="secondary" loading={busy === "replay"} disabled={busy !== null} onClick={() => act("replay")} aria-label={`Replay ${id}`}>
        Replay
      </Button>
      {status !== "ignored" && status !== "processed" && (
        <Button size={size} variant="ghost" loading={busy === "ignore"} disabled={busy !== null} onClick={() => act("ignore")} aria-label={`Ignore ${id}`}>
          Ignore
        </Button>
      )}
    </div>
  );
}
