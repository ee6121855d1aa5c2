// Keyset pagination on (createdAt, id), newest first: a deep page costs the
// same as the first (no OFFSET), and rows inserted meanwhile never shift pages.
import { z } from "zod";
import { HttpError } from "@/lib/errors";

export type Cursor = { createdAt: Date; id: string };

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`, "utf8").toString("base64url");
}

export function decodeCursor(value: string | null | undefined): Cursor | null {
  if (!value) return null;
  const [iso, id] = Buffer.from(value, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (!id || Number.isNaN(createdAt.getTime())) throw new HttpError(400, "The page cursor is not valid; start from the first page.", "cursor");
  return { createdAt, id };
}

/** Prisma where-clause for rows strictly after the cursor in (createdAt desc, id desc) order. */
export function afterCursor(cursor: Cursor | null) {
  if (!cursor) return {};
  // The redundant `lte` bound lets PostgreSQL range-scan the (createdAt, id)
  // index; the OR alone makes it walk the index from the top.
  return {
    createdAt: { lte: cursor.createdAt },
    OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }],
  };
}

/** A list's query string: its filters plus the opaque page cursor. */
export function withCursor<S extends z.core.$ZodShape>(filters: z.ZodObject<S>) {
  return filters.extend({ cursor: z.string().max(200).optional() });
}

export const NEWEST_FIRST = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/** Takes one more row than the page to know whether another page exists. */
export function pageOf<T extends { createdAt: Date; id: string }>(rows: T[], limit: number): { rows: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null };
}

/** Quotes one CSV field (RFC 4180) and defuses spreadsheet formulas. */
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : String(value);
  if (typeof value !== "number" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: unknown[]): string {
  return values.map(csvField).join(",") + "\r\n";
}

/** Streams CSV from batches pulled page by page, so an export of any size never sits in memory. */
export function csvResponse(filename: string, header: string[], batches: () => AsyncIterable<unknown[][]>): Response {
  const encoder = new TextEncoder();
  const iterator = batches()[Symbol.asyncIterator]();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvLine(header)));
    },
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(next.value.map(csvLine).join("")));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}
