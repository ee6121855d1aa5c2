// Reads server-sent events from a Response body, one parsed data event at a time.
export function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  // A read that outlived a timed-out nextStatus is kept for the next call, so its chunk is not lost.
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  return {
    raw: () => buffer,
    /** Resolves with the data of the next `event: status` frame. */
    nextStatus(timeoutMs = 5_000): Promise<Record<string, unknown>> {
      return this.next("status", timeoutMs);
    },
    /** Resolves with the data of the next `event: <name>` frame. */
    async next(name: string, timeoutMs = 5_000): Promise<Record<string, unknown>> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const frameEnd = buffer.indexOf("\n\n");
        if (frameEnd >= 0) {
          const frame = buffer.slice(0, frameEnd);
          buffer = buffer.slice(frameEnd + 2);
          if (frame.startsWith(`event: ${name}\n`)) {
            const data = frame.split("\n").find((l) => l.startsWith("data: "))!;
            return JSON.parse(data.slice(6));
          }
          continue;
        }
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error(`no ${name} event within ${timeoutMs} ms; buffer: ${buffer}`);
        pending ??= reader.read();
        let timer: ReturnType<typeof setTimeout> | undefined;
        const chunk = await Promise.race([
          pending,
          new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no ${name} event within ${timeoutMs} ms`)), remaining))),
        ]).finally(() => clearTimeout(timer));
        pending = null;
        if (chunk.done) throw new Error("stream closed");
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    async closed(): Promise<boolean> {
      for (;;) {
        const chunk = await (pending ?? reader.read());
        pending = null;
        if (chunk.done) return true;
      }
    },
    cancel: () => reader.cancel(),
  };
}
