// A server-sent event stream that follows one live topic: the state at
// connect, then a fresh read whenever the bus says the topic changed (reads
// coalesce: one in flight, at most one queued). No timer reads the database;
// comments keep proxies from idling the connection out, and `retry:` tells
// EventSource how soon to reconnect after a drop (it then gets the state at
// connect again, so nothing is lost while it was away).
import { subscribe, type LiveTopic } from "@/lib/live/bus";
import { log } from "@/lib/observability/log";

export type LiveStreamOptions = { heartbeatMs?: number; retryMs?: number };

export type LiveStreamSource<T> = {
  topic: LiveTopic;
  /** The name of each data event (`event: <name>`). */
  event: string;
  /** What the caller already read (sent at once). */
  initial: T;
  /** Reads the current state; null when it is gone (nothing is sent). */
  read: () => Promise<T | null>;
  signal: AbortSignal;
};

export function liveEventStream<T>(
  { topic, event, initial, read, signal }: LiveStreamSource<T>,
  { heartbeatMs = 15_000, retryMs = 2_000 }: LiveStreamOptions = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let closed = false;
  let cleanup = () => {};

  return new ReadableStream<Uint8Array>({
    start(controller) {
      let lastJson = "";
      const send = (chunk: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          close();
        }
      };
      const sendIfChanged = (state: T) => {
        const json = JSON.stringify(state);
        if (json === lastJson) return;
        lastJson = json;
        send(`event: ${event}\ndata: ${json}\n\n`);
      };

      let reading = false;
      let again = false;
      const reread = async () => {
        if (closed) return;
        if (reading) {
          again = true; // the change may have landed after the read in flight began
          return;
        }
        reading = true;
        try {
          do {
            again = false;
            const state = await read();
            if (state !== null) sendIfChanged(state);
          } while (again && !closed);
        } catch (error) {
          // Without a fresh read this stream could go stale; closing makes
          // EventSource reconnect after `retry` and start from the state at connect.
          log.error("live: could not re-read a topic; closing its stream", { topic, error });
          close();
        } finally {
          reading = false;
        }
      };

      const unsubscribe = subscribe(topic, () => void reread());
      const heartbeatTimer = setInterval(() => send(": heartbeat\n\n"), heartbeatMs);
      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed by the runtime
        }
      };
      cleanup = () => {
        unsubscribe();
        clearInterval(heartbeatTimer);
        signal.removeEventListener("abort", close);
      };
      signal.addEventListener("abort", close);
      if (signal.aborted) return close();

      send(`retry: ${retryMs}\n\n`);
      sendIfChanged(initial);
      // `initial` was read before we subscribed: a change in between would otherwise go unseen.
      void reread();
    },
    cancel() {
      closed = true;
      cleanup();
    },
  });
}

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  // Stops nginx-style proxies from buffering the stream.
  "x-accel-buffering": "no",
} as const;
