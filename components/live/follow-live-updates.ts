// Follows one resource's state on a return page: the server-sent event stream
// (lib/live/sse.ts) while it is open, polling the resource's JSON only when
// EventSource is missing or the server refused the stream. `onUpdate` answers
// whether the state is final, which stops everything. Returns the stop
// function (an effect's cleanup).
export type LiveUpdatesOptions<T> = {
  streamUrl: string;
  pollUrl: string;
  /** The SSE event name that carries the state. */
  event: string;
  pollMs: number;
  onUpdate: (update: T) => boolean;
};

export function followLiveUpdates<T>({ streamUrl, pollUrl, event, pollMs, onUpdate }: LiveUpdatesOptions<T>): () => void {
  let stopped = false;
  let source: EventSource | null = null;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;

  const stop = () => {
    stopped = true;
    source?.close();
    clearTimeout(pollTimer);
  };
  const apply = (update: T) => {
    if (!stopped && onUpdate(update)) stop();
  };
  const poll = async () => {
    try {
      const response = await fetch(pollUrl, { cache: "no-store" });
      if (response.ok) apply((await response.json()) as T);
    } catch {
      // Offline for a moment: the next poll tries again.
    }
    if (!stopped) pollTimer = setTimeout(poll, pollMs);
  };

  if (typeof EventSource === "undefined") {
    void poll();
    return stop;
  }
  source = new EventSource(streamUrl);
  source.addEventListener(event, (message) => {
    try {
      apply(JSON.parse((message as MessageEvent<string>).data) as T);
    } catch {
      // A malformed frame is skipped; the next one carries the full state.
    }
  });
  source.onerror = () => {
    // While CONNECTING, EventSource reconnects by itself (the stream's `retry:`)
    // and gets the state at connect; CLOSED means the server refused the stream.
    if (stopped || source?.readyState !== EventSource.CLOSED) return;
    source = null;
    void poll();
  };
  return stop;
}
