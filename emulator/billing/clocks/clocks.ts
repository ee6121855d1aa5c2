// Test clocks (BEHAVIOR §7): advancing runs every time-based transition in chronological order with
// `nowSeconds()` frozen at each step, so objects and events carry clock time; automation events
// have `request.id: null`.
import type Stripe from "stripe";
import type { Route } from "../../core/context.ts";
import type { Emulator } from "../../core/emulator.ts";
import { invalidRequest } from "../../core/errors.ts";
import { atTime, newId, nowSeconds } from "../../core/ids.ts";
import { paginate } from "../../core/list.ts";
import { int, listParams, req, str } from "../../core/params.ts";
import { load } from "../../resources/shared.ts";
import type { TestClock } from "../model.ts";
import type { Subscription } from "../model.ts";
import { dueActions } from "../subscriptions/cycle.ts";

const MAX_STEPS = 5_000;

function loadClock(emu: Emulator, id: string): TestClock {
  return load<TestClock>({ emu } as never, "test_clocks", id, "test_helpers.test_clock");
}

/** Runs due transitions up to `target`, then moves the clock there and marks it ready. */
export function runClock(emu: Emulator, clock: TestClock, target: number): void {
  try {
    for (let steps = 0; steps < MAX_STEPS; steps++) {
      const next = dueActions(emu, clock.id)[0];
      if (!next || next.at > target) break;
      const at = Math.max(next.at, clock.frozen_time);
      clock.frozen_time = at;
      atTime(at, next.run);
    }
    clock.frozen_time = target;
    clock.status = "ready";
    clock.status_details = {};
    emu.store.put("test_clocks", clock);
    atTime(target, () => emu.emit("test_helpers.test_clock.ready", clock, null));
  } catch (err) {
    clock.status = "internal_failure";
    emu.store.put("test_clocks", clock);
    emu.emit("test_helpers.test_clock.internal_failure", clock, null);
    emu.log(`test clock ${clock.id} failed: ${(err as Error).stack ?? String(err)}`);
  }
}

function shortestInterval(emu: Emulator, clockId: string): number | null {
  let best: number | null = null;
  for (const sub of emu.store.all<Subscription>("subscriptions")) {
    if (sub.test_clock !== clockId || sub.status === "canceled" || sub.status === "incomplete_expired") continue;
    for (const it of sub.items.data) {
      const r = it.price.recurring!;
      const unit = r.interval === "day" ? 86400 : r.interval === "week" ? 7 * 86400 : r.interval === "month" ? 31 * 86400 : 366 * 86400;
      const len = unit * r.interval_count;
      if (best === null || len < best) best = len;
    }
  }
  return best;
}

export const clockRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/test_helpers/test_clocks",
    schema: { frozen_time: req(int()), name: str(300) },
    handler(ctx) {
      const now = nowSeconds();
      const clock = {
        id: newId("clock"),
        object: "test_helpers.test_clock",
        created: now,
        deletes_after: now + 7 * 86400,
        frozen_time: ctx.params.frozen_time,
        livemode: false,
        name: ctx.params.name ?? null,
        status: "ready",
        status_details: {},
      } as TestClock;
      ctx.emu.store.put("test_clocks", clock);
      ctx.emu.emit("test_helpers.test_clock.created", clock, ctx);
      return clock;
    },
  },
  { method: "GET", path: "/v1/test_helpers/test_clocks/:id", schema: {}, handler: (ctx) => loadClock(ctx.emu, ctx.path.id) },
  {
    method: "GET",
    path: "/v1/test_helpers/test_clocks",
    schema: { ...listParams },
    handler: (ctx) => paginate(ctx.emu.store.all<TestClock>("test_clocks"), ctx.params, "/v1/test_helpers/test_clocks"),
  },
  {
    method: "DELETE",
    path: "/v1/test_helpers/test_clocks/:id",
    schema: {},
    handler(ctx) {
      const clock = loadClock(ctx.emu, ctx.path.id);
      const store = ctx.emu.store;
      const customers = store.all<Stripe.Customer>("customers").filter((c) => c.test_clock === clock.id).map((c) => c.id);
      for (const c of ["subscriptions", "invoices", "invoiceitems"] as const)
        for (const o of store.all<{ id: string; customer: string }>(c)) if (customers.includes(o.customer)) store.remove(c, o.id);
      for (const id of customers) store.remove("customers", id);
      store.remove("test_clocks", clock.id);
      ctx.emu.emit("test_helpers.test_clock.deleted", clock, ctx);
      return { id: clock.id, object: "test_helpers.test_clock", deleted: true };
    },
  },
  {
    method: "POST",
    path: "/v1/test_helpers/test_clocks/:id/advance",
    schema: { frozen_time: req(int()) },
    handler(ctx) {
      const clock = loadClock(ctx.emu, ctx.path.id);
      const target: number = ctx.params.frozen_time;
      if (clock.status === "advancing") throw invalidRequest("The test clock is already advancing. Wait for it to be ready before advancing it again.", { param: "frozen_time" });
      if (target <= clock.frozen_time)
        throw invalidRequest("The frozen_time must be after the test clock's current frozen_time.", { param: "frozen_time" });
      const interval = shortestInterval(ctx.emu, clock.id);
      const limit = interval === null ? 2 * 366 * 86400 : 2 * interval;
      if (target - clock.frozen_time > limit)
        throw invalidRequest("Cannot advance the test clock more than two intervals of the shortest subscription interval on it.", { param: "frozen_time" });
      clock.status = "advancing";
      clock.status_details = { advancing: { target_frozen_time: target } };
      ctx.emu.store.put("test_clocks", clock);
      atTime(clock.frozen_time, () => ctx.emu.emit("test_helpers.test_clock.advancing", clock, ctx));
      const snapshot = JSON.parse(JSON.stringify(clock));
      ctx.emu.later(() => runClock(ctx.emu, clock, target), 5);
      return snapshot;
    },
  },
];
