import type { Route } from "../core/context.ts";
import { hydrateEvent, type StoredEvent } from "../core/stored-event.ts";
import { matchesCreated, paginate } from "../core/list.ts";
import { arr, bool, createdFilter, listParams, str } from "../core/params.ts";
import { load } from "./shared.ts";

/** `type` accepts a `*` wildcard as Stripe does (e.g. `charge.dispute.*`). */
function typeMatches(type: string, pattern: string): boolean {
  if (!pattern.includes("*")) return type === pattern;
  const re = new RegExp(`^${pattern.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return re.test(type);
}

export const eventRoutes: Route[] = [
  {
    method: "GET",
    path: "/v1/events/:id",
    schema: {},
    handler: (ctx) => hydrateEvent(load<StoredEvent>(ctx, "events", ctx.path.id, "event")),
  },
  {
    method: "GET",
    path: "/v1/events",
    schema: { ...listParams, type: str(), types: arr(str()), created: createdFilter, delivery_success: bool() },
    handler(ctx) {
      const p = ctx.params;
      const items = ctx.emu.store.all<StoredEvent>("events").filter((e) => {
        if (p.type && !typeMatches(e.type, p.type)) return false;
        if (p.types && !(p.types as string[]).some((t) => typeMatches(e.type, t))) return false;
        if (p.delivery_success !== undefined && p.delivery_success !== null && (e.pending_webhooks === 0) !== p.delivery_success) return false;
        return matchesCreated(e.created, p.created);
      });
      const page = paginate(items, p, "/v1/events");
      return { ...page, data: page.data.map(hydrateEvent) };
    },
  },
];
