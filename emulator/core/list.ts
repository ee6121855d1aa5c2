// List objects and cursor pagination (BEHAVIOR §1.7): newest first, limit 1–100,
// starting_after / ending_before (mutually exclusive), has_more.
import { invalidRequest } from "./errors.ts";
import type { Params } from "./params.ts";

export interface ListObject<T> {
  object: "list";
  url: string;
  has_more: boolean;
  data: T[];
}

export function paginate<T extends { id: string }>(items: T[], params: Params, url: string): ListObject<T> {
  const limit = params.limit ?? 10;
  if (limit < 1 || limit > 100)
    throw invalidRequest("Invalid limit: must be between 1 and 100", { param: "limit", code: "parameter_invalid_integer" });
  if (params.starting_after && params.ending_before)
    throw invalidRequest("You may only specify one of these parameters: ending_before, starting_after.", {
      param: "ending_before",
    });
  if (params.starting_after) {
    const at = items.findIndex((o) => o.id === params.starting_after);
    if (at === -1) throw cursorMissing(params.starting_after, "starting_after");
    const rest = items.slice(at + 1);
    return { object: "list", url, has_more: rest.length > limit, data: rest.slice(0, limit) };
  }
  if (params.ending_before) {
    const at = items.findIndex((o) => o.id === params.ending_before);
    if (at === -1) throw cursorMissing(params.ending_before, "ending_before");
    const newer = items.slice(0, at);
    const page = newer.slice(Math.max(0, newer.length - limit));
    return { object: "list", url, has_more: newer.length > limit, data: page };
  }
  return { object: "list", url, has_more: items.length > limit, data: items.slice(0, limit) };
}

/** A cursor naming no object in the list: 400 resource_missing (status UNCONFIRMED, see README). */
function cursorMissing(id: string, param: string) {
  return invalidRequest(`No such object: '${id}'`, { code: "resource_missing", param });
}

/** `created` filter: an exact timestamp or `{gt, gte, lt, lte}`. */
export function matchesCreated(created: number, filter: unknown): boolean {
  if (filter === undefined || filter === null) return true;
  if (typeof filter === "string") return created === Number(filter);
  const f = filter as { gt?: number; gte?: number; lt?: number; lte?: number };
  if (f.gt !== undefined && !(created > f.gt)) return false;
  if (f.gte !== undefined && !(created >= f.gte)) return false;
  if (f.lt !== undefined && !(created < f.lt)) return false;
  if (f.lte !== undefined && !(created <= f.lte)) return false;
  return true;
}
