// Keyset pagination on (sort column, id): a deep page costs the same as the
// first (no OFFSET), and rows inserted meanwhile never shift pages. Every admin
// list pages this way, newest first unless the list is sorted by another
// column; the cursor is opaque base64url and belongs to the sort it was made for.
import { z } from "zod";
import { findUnstorableText, HttpError } from "@/lib/errors";
import type { Sort } from "@/lib/http/sort";

/** The time column a list is ordered by by default (with id breaking ties). */
export type KeyColumn = "createdAt" | "receivedAt";

/** A sort column's value: a time, an integer (amounts, counts) or text (emails). */
export type KeyValue = Date | number | string;

type Cursor = { value: KeyValue; id: string };

const ID = /^[\w-]{1,200}$/;
const saneDate = (at: Date) => !Number.isNaN(at.getTime()) && at.getUTCFullYear() >= 1970 && at.getUTCFullYear() < 3000;
const invalidCursor = () => new HttpError(400, "The page cursor is not valid; start from the first page.", "cursor");

/** The cursor of the page that starts after this row, newest first by time (benches and tests jump deep with it). */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`, "utf8").toString("base64url");
}

/** The cursor after this row for any sort: the sort is part of it, so a cursor never pages another order. */
function encodeSortedCursor(sort: Sort, value: KeyValue, id: string): string {
  const tagged = value instanceof Date ? { d: value.toISOString() } : typeof value === "number" ? { n: value } : { s: value };
  return Buffer.from(JSON.stringify({ sort: `${sort.direction === "desc" ? "-" : ""}${sort.column}`, ...tagged, id }), "utf8").toString("base64url");
}

const sortedCursorSchema = z.object({
  sort: z.string(),
  id: z.string().regex(ID),
  d: z.string().optional(),
  // What the sortable columns hold: 32-bit integers (amounts) and storable text (emails).
  n: z.number().int().min(-2_147_483_648).max(2_147_483_647).optional(),
  s: z.string().max(400).optional(),
});

function decodeCursor(value: string | null | undefined, sort: Sort, isDefault: boolean): Cursor | null {
  if (!value) return null;
  const text = Buffer.from(value, "base64url").toString("utf8");
  if (!text.startsWith("{")) {
    // The default order's compact form (time|id).
    if (!isDefault) throw new HttpError(400, "The page cursor belongs to another sort order; start from the first page.", "cursor");
    const [iso, id] = text.split("|");
    const at = new Date(iso ?? "");
    // Only what this module encodes: a storable time and a row id (an extreme date or a NUL would reach the database).
    if (!saneDate(at) || !ID.test(id ?? "")) throw invalidCursor();
    return { value: at, id: id! };
  }
  let parsed: z.infer<typeof sortedCursorSchema>;
  try {
    parsed = sortedCursorSchema.parse(JSON.parse(text));
  } catch {
    throw invalidCursor();
  }
  if (parsed.sort !== `${sort.direction === "desc" ? "-" : ""}${sort.column}`) throw new HttpError(400, "The page cursor belongs to another sort order; start from the first page.", "cursor");
  if (parsed.d !== undefined) {
    const at = new Date(parsed.d);
    if (!saneDate(at)) throw invalidCursor();
    return { value: at, id: parsed.id };
  }
  if (parsed.n !== undefined) return { value: parsed.n, id: parsed.id };
  if (parsed.s !== undefined && findUnstorableText(parsed.s) === null) return { value: parsed.s, id: parsed.id };
  throw invalidCursor();
}

/** A list's query string: its filters plus the opaque page cursor. */
export function withCursor<S extends z.core.$ZodShape>(filters: z.ZodObject<S>) {
  return filters.extend({ cursor: z.string().max(200).optional() });
}

/**
 * One page of a list: spread `where`, `orderBy` and `take` into the query,
 * then `page(rows)` keeps the page and says where the next one starts.
 *
 *   const keys = keyset(cursor, 25);                                   // newest first
 *   const keys = keyset(cursor, 25, { column: "amount", direction: "asc" });
 *   const rows = await db.order.findMany({ where: { AND: [filters, keys.where] }, orderBy: keys.orderBy, take: keys.take });
 *   return keys.page(rows);
 *
 * The sort column must be non-null (a NULL has no place in the keyset).
 */
export function keyset<K extends string = "createdAt">(cursorValue: string | null | undefined, limit: number, order: K | Sort<K> = "createdAt" as K) {
  const sort: Sort<K> = typeof order === "string" ? { column: order, direction: "desc" } : order;
  const isDefault = sort.direction === "desc" && (sort.column === "createdAt" || sort.column === "receivedAt");
  const cursor = decodeCursor(cursorValue, sort, isDefault);
  const column: string = sort.column;
  const [past, through] = sort.direction === "desc" ? (["lt", "lte"] as const) : (["gt", "gte"] as const);
  // The redundant `lte`/`gte` bound lets PostgreSQL range-scan the (column, id) index; the OR alone makes it walk the index from the top.
  const where = cursor ? { [column]: { [through]: cursor.value }, OR: [{ [column]: { [past]: cursor.value } }, { [column]: cursor.value, id: { [past]: cursor.id } }] } : {};
  return {
    where: where as { OR?: object[] },
    orderBy: [{ [column]: sort.direction }, { id: sort.direction }] as unknown as [{ [P in K]: "desc" }, { id: "desc" }],
    // One more row than the page tells whether another page exists.
    take: limit + 1,
    page<T extends { [P in K]: KeyValue } & { id: string }>(rows: T[]): { rows: T[]; nextCursor: string | null } {
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      if (rows.length <= limit || !last) return { rows: page, nextCursor: null };
      const value = last[sort.column] as KeyValue;
      return { rows: page, nextCursor: isDefault && value instanceof Date ? encodeCursor(value, last.id) : encodeSortedCursor(sort, value, last.id) };
    },
  };
}

/**
 * Rows of several keyset-paged sources (each fetched with the same `keyset()`
 * where, orderBy and take) as one list in that sort: `keyset().page()` of the
 * result is a correct page of their union, since no source can hold a row that
 * belongs before another's last one fetched.
 */
export function mergeSorted<C extends string, T extends { [P in C]: KeyValue } & { id: string }>(sources: T[][], sort: Sort<C>): T[] {
  const sign = sort.direction === "desc" ? -1 : 1;
  const compare = (a: KeyValue, b: KeyValue) => (a instanceof Date && b instanceof Date ? a.getTime() - b.getTime() : a < b ? -1 : a > b ? 1 : 0);
  return sources.flat().sort((a, b) => sign * (compare(a[sort.column], b[sort.column]) || compare(a.id, b.id)));
}
