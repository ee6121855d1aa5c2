// Billing meters, meter events and event summaries (BEHAVIOR §5.3). Events aggregate synchronously;
// `identifier` de-duplicates for 24 hours; metered prices bill the sum of a period's events in arrears.
import type Stripe from "stripe";
import type { EventCause, Route } from "../core/context.ts";
import type { Emulator } from "../core/emulator.ts";
import { invalidRequest, noSuch } from "../core/errors.ts";
import { atTime, newId, nowSeconds, randomToken } from "../core/ids.ts";
import { paginate } from "../core/list.ts";
import { int, listParams, obj, oneOf, openObj, req, str } from "../core/params.ts";
import { applyUpdate, load } from "../resources/shared.ts";
import { clockTime } from "./model.ts";

type Meter = Stripe.Billing.Meter;
type MeterEvent = Stripe.Billing.MeterEvent;

/** Stored wrapper: the event (which has no id of its own) keyed by identifier. */
interface StoredMeterEvent {
  id: string;
  meter: string;
  customer: string | null;
  value: number;
  event: MeterEvent;
}

const DEDUPE_SECONDS = 24 * 3600;

export function usageFor(emu: Emulator, meterId: string, customer: string, start: number, end: number): number {
  const meter = emu.store.get<Meter>("billing_meters", meterId);
  if (!meter) return 0;
  const events = emu.store
    .all<StoredMeterEvent>("meter_events")
    .filter((e) => e.meter === meterId && e.customer === customer && e.event.timestamp >= start && e.event.timestamp < end);
  const formula = meter.default_aggregation.formula;
  if (formula === "count") return events.length;
  if (formula === "last") return events.length ? [...events].sort((a, b) => a.event.timestamp - b.event.timestamp).at(-1)!.value : 0;
  return events.reduce((s, e) => s + e.value, 0);
}

function loadMeter(emu: Emulator, id: string): Meter {
  return load<Meter>({ emu } as never, "billing_meters", id, "billing.meter");
}

/** Deactivating a meter stamps when; reactivating clears it. */
function setMeterStatus(emu: Emulator, cause: EventCause, id: string, status: "active" | "inactive"): Meter {
  const meter = loadMeter(emu, id);
  meter.status = status;
  meter.status_transitions = { deactivated_at: status === "inactive" ? nowSeconds() : null };
  meter.updated = nowSeconds();
  emu.store.put("billing_meters", meter);
  emu.emit(status === "inactive" ? "billing.meter.deactivated" : "billing.meter.reactivated", meter, cause);
  return meter;
}

export const meterRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/billing/meters",
    schema: {
      display_name: req(str(250)),
      event_name: req(str(100)),
      default_aggregation: req(obj({ formula: req(oneOf("sum", "count", "last")) })),
      customer_mapping: obj({ type: req(oneOf("by_id")), event_payload_key: req(str(100)) }),
      value_settings: obj({ event_payload_key: req(str(100)) }),
      event_time_window: oneOf("day", "hour"),
    },
    handler(ctx) {
      const p = ctx.params;
      if (ctx.emu.store.all<Meter>("billing_meters").some((m) => m.event_name === p.event_name && m.status === "active"))
        throw invalidRequest(`An active meter with event_name \`${p.event_name}\` already exists.`, { param: "event_name" });
      const now = nowSeconds();
      const meter = {
        id: newId("mtr"),
        object: "billing.meter",
        created: now,
        customer_mapping: { event_payload_key: p.customer_mapping?.event_payload_key ?? "stripe_customer_id", type: "by_id" },
        default_aggregation: { formula: p.default_aggregation.formula },
        display_name: p.display_name,
        event_name: p.event_name,
        event_time_window: p.event_time_window ?? null,
        livemode: false,
        status: "active",
        status_transitions: { deactivated_at: null },
        updated: now,
        value_settings: { event_payload_key: p.value_settings?.event_payload_key ?? "value" },
      } as Meter;
      ctx.emu.store.put("billing_meters", meter);
      ctx.emu.emit("billing.meter.created", meter, ctx);
      return meter;
    },
  },
  { method: "GET", path: "/v1/billing/meters/:id", schema: {}, handler: (ctx) => loadMeter(ctx.emu, ctx.path.id) },
  {
    method: "POST",
    path: "/v1/billing/meters/:id",
    schema: { display_name: str(250) },
    handler(ctx) {
      const meter = loadMeter(ctx.emu, ctx.path.id);
      if (ctx.params.display_name && ctx.params.display_name !== meter.display_name)
        ctx.emu.emit("billing.meter.updated", meter, ctx, applyUpdate(meter, { display_name: ctx.params.display_name, updated: nowSeconds() }));
      ctx.emu.store.put("billing_meters", meter);
      return meter;
    },
  },
  {
    method: "GET",
    path: "/v1/billing/meters",
    schema: { ...listParams, status: oneOf("active", "inactive") },
    handler: (ctx) => paginate(ctx.emu.store.all<Meter>("billing_meters").filter((m) => !ctx.params.status || m.status === ctx.params.status), ctx.params, "/v1/billing/meters"),
  },
  { method: "POST", path: "/v1/billing/meters/:id/deactivate", schema: {}, handler: (ctx) => setMeterStatus(ctx.emu, ctx, ctx.path.id, "inactive") },
  { method: "POST", path: "/v1/billing/meters/:id/reactivate", schema: {}, handler: (ctx) => setMeterStatus(ctx.emu, ctx, ctx.path.id, "active") },
  {
    method: "GET",
    path: "/v1/billing/meters/:id/event_summaries",
    schema: { ...listParams, customer: req(str()), start_time: req(int()), end_time: req(int()), value_grouping_window: oneOf("day", "hour") },
    handler(ctx) {
      const meter = loadMeter(ctx.emu, ctx.path.id);
      const p = ctx.params;
      if (p.end_time <= p.start_time) throw invalidRequest("end_time must be after start_time.", { param: "end_time" });
      const windows: [number, number][] = [];
      const step = p.value_grouping_window === "hour" ? 3600 : p.value_grouping_window === "day" ? 86400 : 0;
      if (!step) windows.push([p.start_time, p.end_time]);
      else for (let t = p.start_time; t < p.end_time && windows.length < 10_000; t += step) windows.push([t, Math.min(t + step, p.end_time)]);
      const data = windows
        .map(([start, end]) => ({
          id: `mtrusg_${randomToken(24)}`,
          object: "billing.meter_event_summary",
          aggregated_value: usageFor(ctx.emu, meter.id, p.customer, start, end),
          end_time: end,
          livemode: false,
          meter: meter.id,
          start_time: start,
        }))
        .reverse();
      return paginate(data, p, `/v1/billing/meters/${meter.id}/event_summaries`);
    },
  },
  {
    method: "POST",
    path: "/v1/billing/meter_events",
    schema: { event_name: req(str(100)), payload: req(openObj()), identifier: str(100), timestamp: int() },
    handler(ctx) {
      const p = ctx.params;
      const meter = ctx.emu.store.all<Meter>("billing_meters").find((m) => m.event_name === p.event_name && m.status === "active");
      if (!meter) throw invalidRequest(`No active meter was found matching event_name \`${p.event_name}\`.`, { param: "event_name", code: "resource_missing" });
      const customerKey = meter.customer_mapping.event_payload_key;
      const valueKey = meter.value_settings.event_payload_key;
      const customer = typeof p.payload[customerKey] === "string" ? (p.payload[customerKey] as string) : null;
      if (!customer) throw invalidRequest(`Missing required param: payload[${customerKey}].`, { param: `payload[${customerKey}]`, code: "parameter_missing" });
      if (!ctx.emu.store.get("customers", customer)) throw noSuch("customer", customer, `payload[${customerKey}]`, 400);
      return atTime(clockTime(ctx.emu, customer), () => {
        const now = nowSeconds();
        const raw = p.payload[valueKey];
        const value = meter.default_aggregation.formula === "count" && raw === undefined ? 1 : Number(raw);
        if (raw === undefined && meter.default_aggregation.formula !== "count")
          throw invalidRequest(`Missing required param: payload[${valueKey}].`, { param: `payload[${valueKey}]`, code: "parameter_missing" });
        if (!Number.isFinite(value)) throw invalidRequest(`payload[${valueKey}] must be a number.`, { param: `payload[${valueKey}]` });
        const timestamp = p.timestamp ?? now;
        if (timestamp < now - 35 * 86400 || timestamp > now + 300)
          throw invalidRequest("Timestamp must be within the past 35 days and not more than 5 minutes in the future.", { param: "timestamp" });
        const identifier: string = p.identifier ?? `${randomToken(8)}-${randomToken(4)}-${randomToken(4)}-${randomToken(12)}`;
        const key = `me_${identifier}`;
        const existing = ctx.emu.store.get<StoredMeterEvent>("meter_events", key);
        if (existing && existing.event.created > now - DEDUPE_SECONDS)
          throw invalidRequest(`An event already exists with identifier ${identifier}.`, { param: "identifier", code: "meter_event_duplicate_identifier" } as never);
        const event = { object: "billing.meter_event", created: now, event_name: p.event_name, identifier, livemode: false, payload: p.payload, timestamp } as MeterEvent;
        ctx.emu.store.put<StoredMeterEvent>("meter_events", { id: key, meter: meter.id, customer, value, event });
        return event;
      });
    },
  },
];
