// Query strings of the admin lists: one zod schema per list, empty values mean
// "no filter", a bad value is a 400 naming the field (route handlers) or a
// message above the unfiltered list (pages).
import { z } from "zod";
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

const DAY_MS = 86_400_000;

/** A UTC calendar day, YYYY-MM-DD, that exists (no 2024-13-45) and lies in a range a database can store. */
export const utcDayParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Dates are YYYY-MM-DD.")
  .refine((day) => {
    const date = new Date(`${day}T00:00:00.000Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day) && day >= "2000-01-01" && day <= "2999-12-31";
  }, "That is not a calendar date between 2000-01-01 and 2999-12-31.");

/** Prisma's filter for rows created from the start of `from` to the end of `to` (UTC days, both inclusive). */
export function withinDays(from: string | undefined, to: string | undefined): { gte?: Date; lt?: Date } | undefined {
  if (!from && !to) return undefined;
  return {
    ...(from && { gte: new Date(`${from}T00:00:00.000Z`) }),
    ...(to && { lt: new Date(new Date(`${to}T00:00:00.000Z`).getTime() + DAY_MS) }),
  };
}
