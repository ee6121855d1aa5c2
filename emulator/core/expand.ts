// `expand[]` (BEHAVIOR §1.8): dotted paths up to depth 4, `data.` prefix on lists, and
// includable fields that only appear when named (e.g. charge.refunds).
import { invalidRequest } from "./errors.ts";
import { collectionOfId, type Collection, type Store } from "./store.ts";

type Json = Record<string, unknown>;
export type Includable = (object: Json, store: Store) => unknown;

/** objectType → field → producer for fields omitted unless expanded. */
export const includables: Record<string, Record<string, Includable>> = {};

export function registerIncludable(objectType: string, field: string, produce: Includable): void {
  (includables[objectType] ??= {})[field] = produce;
}

/** Fields whose ids carry no prefix (e.g. `coupon`: coupon ids are chosen freely) → their collection. */
export const unprefixedIdFields: Record<string, Collection> = {};

function cannotExpand(path: string): never {
  throw invalidRequest(`This property cannot be expanded because it doesn't exist: ${path}.`, { param: "expand" });
}

export function applyExpand(value: unknown, paths: string[] | undefined, store: Store): unknown {
  if (!paths || paths.length === 0) return value;
  let out = value;
  for (const path of paths) {
    if (typeof path !== "string" || !path) continue;
    const segments = path.split(".");
    if (segments.length > 4)
      throw invalidRequest(`You cannot expand more than 4 levels of a property. Property: ${path}`, { param: "expand" });
    out = expandSegments(out, segments, 0, path, store);
  }
  return out;
}

function expandSegments(value: unknown, segments: string[], i: number, path: string, store: Store): unknown {
  if (Array.isArray(value)) return value.map((v) => expandSegments(v, segments, i, path, store));
  if (value === null || typeof value !== "object") return value;
  const object = value as Json;
  const key = segments[i];
  const last = i === segments.length - 1;
  let child: unknown;
  if (key in object) child = object[key];
  else {
    const produce = includables[object.object as string]?.[key];
    if (!produce) cannotExpand(segments.slice(0, i + 1).join("."));
    child = produce(object, store);
  }
  if (Array.isArray(child) && child.length && child.every((c) => typeof c === "string" && collectionOfId(c))) {
    // Lists of ids (e.g. subscription.discounts) expand element-wise.
    const resolved = child.map((id: string) => store.get<Json>(collectionOfId(id)!, id) ?? id);
    const next = last ? resolved : resolved.map((r) => expandSegments(r, segments, i + 1, path, store));
    return { ...object, [key]: next };
  }
  if (typeof child === "string") {
    const collection = collectionOfId(child) ?? unprefixedIdFields[key];
    const resolved = collection ? store.get<Json>(collection, child) : undefined;
    if (!resolved) {
      if (!collection) cannotExpand(segments.slice(0, i + 1).join("."));
      child = { id: child, object: collection.replace(/s$/, ""), deleted: true };
    } else child = resolved;
  } else if (child !== null && typeof child !== "object") cannotExpand(segments.slice(0, i + 1).join("."));
  const next = last || child === null ? child : expandSegments(child, segments, i + 1, path, store);
  return { ...object, [key]: next };
}
