import { useState } from "react";
import { Badge, Banner, Box, Button, Divider, Inline, List, ListItem, Spinner } from "@stripe/ui-extension-sdk/ui";
import type { ActivityEntry, ActivityKind, StripeAppActivityPage } from "../contract";
import { postToBackend, type BackendContext } from "../lib/backend";
import { formatAmount, formatDate } from "../lib/format";

// One badge per kind of the contract: a kind added there fails this type-check.
const KIND_BADGE = {
  sign_in: { type: "positive", label: "sign-in" },
  sign_in_failed: { type: "warning", label: "sign-in" },
  portal: { type: "info", label: "portal" },
  admin: { type: "neutral", label: "admin" },
  order: { type: "info", label: "order" },
  refund: { type: "warning", label: "refund" },
  note: { type: "neutral", label: "note" },
} as const satisfies Record<ActivityKind, { type: string; label: string }>;

type State =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "error"; message: string; entries: ActivityEntry[]; cursor: string | null }
  | { status: "ready"; entries: ActivityEntry[]; cursor: string | null; loadingMore: boolean };

/**
 * The customer's account activity from every source (POST /activity), newest
 * first. Loaded when asked for, then one older page per "Load older activity".
 */
export function ActivityTimeline({ customerId, context }: { customerId: string; context: BackendContext }) {
  const [state, setState] = useState<State>({ status: "idle" });

  const load = async (entries: ActivityEntry[], cursor: string | null) => {
    setState(cursor ? { status: "ready", entries, cursor, loadingMore: true } : { status: "loading" });
    try {
      const page = await postToBackend<StripeAppActivityPage>("/activity", context, cursor ? { customer_id: customerId, cursor } : { customer_id: customerId });
      setState({ status: "ready", entries: [...entries, ...page.entries], cursor: page.nextCursor, loadingMore: false });
    } catch (e) {
      setState({ status: "error", message: e instanceof Error ? e.message : "Something went wrong.", entries, cursor });
    }
  };

  return (
    <Box css={{ stack: "y", gap: "small" }}>
      <Divider />
      <Inline css={{ font: "heading" }}>Account activity</Inline>
      {state.status === "idle" && (
        <Button type="secondary" onPress={() => load([], null)}>
          Show account activity
        </Button>
      )}
      {state.status === "loading" && (
        <Box css={{ stack: "x", alignX: "center", padding: "medium" }}>
          <Spinner />
        </Box>
      )}
      {(state.status === "ready" || state.status === "error") && state.entries.length > 0 && (
        <List>
          {state.entries.map((entry) => (
            <ListItem
              key={entry.id}
              id={entry.id}
              icon={<Badge type={KIND_BADGE[entry.kind].type}>{KIND_BADGE[entry.kind].label}</Badge>}
              title={entry.title}
              secondaryTitle={[entry.detail, entry.actor, formatDate(entry.at)].filter(Boolean).join(" · ")}
              value={entry.amount ? formatAmount(entry.amount.value, entry.amount.currency) : undefined}
            />
          ))}
        </List>
      )}
      {state.status === "ready" && state.entries.length === 0 && <Inline css={{ color: "secondary" }}>No account activity yet.</Inline>}
      {state.status === "ready" && state.cursor && (
        <Button type="secondary" onPress={() => load(state.entries, state.cursor)} disabled={state.loadingMore}>
          {state.loadingMore ? "Loading…" : "Load older activity"}
        </Button>
      )}
      {state.status === "error" && (
        <Banner
          type="critical"
          title="Could not load the account activity"
          description={state.message}
          actions={<Button onPress={() => load(state.entries, state.cursor)}>Retry</Button>}
        />
      )}
    </Box>
  );
}
