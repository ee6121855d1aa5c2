// Query strings of the admin lists: one zod schema per list, empty values mean
// "no filter", a bad value is a 400 naming the field (route handlers) or a
// message above the unfiltered list (pages).
import type { z } from "zod";
import { HttpError, parseInput } from "@/lib/errors";

export type QueryParams = URLSearchParams | Record<string, string | string[] | undefined>;

export function parseQuery<S extends z.ZodObject>(schema: S, params: QueryParams): z.output<S> {
  const raw: Record<string, string> = {};
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v] as const);
  for (const [key, value] of entries) if (typeof value === "string" && value.trim() !== "" && key in schema.shape) raw[key] = value;
  return parseInput(schema, raw);
}

/** For pages: the filters (or none, with the reason), and the cursor unless the filters were invalid. */
export function readListQuery<F>(parse: (params: QueryParams) => F, params: Record<string, string | string[] | undefined>): { filters: Partial<F>; invalid: string | null; cursor: string | null } {
  try {
    const filters = parse(params);
    return { filters, invalid: null, cursor: typeof params.cursor === "string" ? params.cursor : null };
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return { filters: {}, invalid: error.message, cursor: null };
  }
}
