import type { RequestContext, Route } from "../core/context.ts";
import { noSuch } from "../core/errors.ts";
import type { Collection } from "../core/store.ts";

/** Retrieve an object named in the URL or 404 `resource_missing`. */
export function load<T>(ctx: RequestContext, collection: Collection, id: string, kind: string): T {
  const found = ctx.emu.store.get<T>(collection, id);
  if (!found) throw noSuch(kind, id);
  return found;
}

/** Retrieve an object referenced by a parameter or 400 `resource_missing` (BEHAVIOR §1.6). */
export function reference<T>(ctx: RequestContext, collection: Collection, id: string, kind: string, param: string): T {
  const found = ctx.emu.store.get<T>(collection, id);
  if (!found) throw noSuch(kind, id, param, 400);
  return found;
}

/** Copies the keys of `update` that differ from `object` into previous_attributes, then applies them. */
export function applyUpdate<T extends object>(object: T, update: Partial<T>): Record<string, unknown> {
  const previous: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(update)) {
    if (value === undefined) continue;
    const before = (object as Record<string, unknown>)[key];
    if (JSON.stringify(before) !== JSON.stringify(value)) {
      previous[key] = before === undefined ? null : before;
      (object as Record<string, unknown>)[key] = value;
    }
  }
  return previous;
}

export function defined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

export const emptyAddress = () => ({ city: null, country: null, line1: null, line2: null, postal_code: null, state: null });

export function address(input: Record<string, string | null> | null | undefined) {
  if (!input) return null;
  return { ...emptyAddress(), ...input };
}

/** Stores an updated object and emits `eventType` with previous_attributes when anything changed. */
export function storeUpdate<T extends { id: string }>(ctx: RequestContext, collection: Collection, object: T, eventType: string, previous: Record<string, unknown>): T {
  ctx.emu.store.put(collection, object);
  if (Object.keys(previous).length) ctx.emu.emit(eventType, object, ctx, previous);
  return object;
}

/** `GET /v1/{collection}/:id`: the stored object, or 404 `resource_missing` naming `kind`. */
export function retrieveRoute(path: string, collection: Collection, kind: string): Route {
  return { method: "GET", path, schema: {}, handler: (ctx) => load(ctx, collection, ctx.path.id, kind) };
}
