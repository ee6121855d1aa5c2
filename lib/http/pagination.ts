// Keyset pagination, newest first on (time column, id): a deep page costs the
// same as the first (no OFFSET), and rows inserted meanwhile never shift pages.
// Every admin list pages this way; the cursor is opaque base64url.
import { z } from "zod";
import { HttpError } from "@/lib/errors";

/** The time column a list is ordered by (with id breaking ties). */
export type KeyColumn = "createdAt" | "receivedAt";

type Cursor = { at: Date; id: string };

/** The cursor of the page that starts after this row (benches and tests jump deep with it). */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`, "utf8").toString("base64url");
}

function decodeCursor(value: string | null | undefined): Cursor | null {
  if (!value) return null;
  const [iso, id] = Buffer.from(value, "base64url").toString("utf8").split("|");
  const at = new Date(iso ?? "");
  // Only what this module encodes: a storable time and a row id (an extreme date or a NUL would reach the database).
  const sane = !Number.isNaN(at.getTime()) && at.getUTCFullYear() >= 1970 && at.getUTCFullYear() < 3000 && /^[\w-]{1,200}$/.test(id ?? "");
  if (!sane) throw new HttpError(400, "The page cursor is not valid; start from the first page.", "cursor");
  return { at, id };
}

/** A list's query string: its filters plus the opaque page cursor. */
export function withCursor<S extends z.core.$ZodShape>(filters: z.ZodObject<S>) {
  return filters.extend({ cursor: z.string().max(200).optional() });
}

/**
 * One page of a list: spread `where`, `orderBy` and `take` into the query,
 * then `page(rows)` keeps the page and says where the next one starts.
 *
 *   const keys = keyset(cursor, 25);
 *   const rows = await db.order.findMany({ where: { AND: [filters, keys.where] }, orderBy: keys.orderBy, take: keys.take });
 *   return keys.page(rows);
 */
export function keyset<K extends KeyColumn = "createdAt">(cursorValue: string | null | undefined, limit: number, column: K = "createdAt" as K) {
  const cursor = decodeCursor(cursorValue);
  // The redundant `lte` bound lets PostgreSQL range-scan the (time, id) index; the OR alone makes it walk the index from the top.
  const where = cursor
    ? { [column]: { lte: cursor.at }, OR: [{ [column]: { lt: cursor.at } }, { [column]: cursor.at, id: { lt: cursor.id } }] }
    : {};
  return {
    where: where as { [P in K]?: { lte: Date } } & { OR?: object[] },
    orderBy: [{ [column]: "desc" as const }, { id: "desc" as const }] as [{ [P in K]: "desc" }, { id: "desc" }],
    // One more row than the page tells whether another page exists.
    take: limit + 1,
    page<T extends { [P in K]: Date } & { id: string }>(rows: T[]): { rows: T[]; nextCursor: string | null } {
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return { rows: page, nextCursor: rows.length > limit ? encodeCursor(last[column], last.id) : null };
    },
  };
}

/**
 * Rows of several keyset-paged sources (each fetched with the same `keyset()`
 * where and take), newest first as one list: `keyset().page()` of the result
 * is a correct page of their union, since no source can hold a row that
 * belongs before another's last one fetched.
 */
export function mergeNewestFirst<T extends { createdAt: Date; id: string }>(sources: T[][]): T[] {
  return sources.flat().sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}
