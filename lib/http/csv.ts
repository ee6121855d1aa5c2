// CSV exports: RFC 4180 fields, spreadsheet formulas defused, streamed page by page.

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
