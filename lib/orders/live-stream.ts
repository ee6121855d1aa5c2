// Server-sent events for one order: the current state at once, then a new
// `status` event whenever it changes. Changes are noticed through the
// in-process bus, and through a DB re-check every couple of seconds in case the
// webhook landed in another process. Comments keep proxies from idling out.
import { getPublicOrderView, type PublicOrderView } from "@/lib/orders/queries";
import { subscribeToOrder } from "@/lib/orders/live-events";

export type OrderStreamOptions = { recheckMs?: number; heartbeatMs?: number };

export function streamOrderEvents(
  orderId: string,
  initial: PublicOrderView,
  signal: AbortSignal,
  { recheckMs = 2_000, heartbeatMs = 15_000 }: OrderStreamOptions = {},
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
      const sendIfChanged = (view: PublicOrderView) => {
        const json = JSON.stringify(view);
        if (json === lastJson) return;
        lastJson = json;
        send(`event: status\ndata: ${json}\n\n`);
      };
      let checking = false;
      const recheck = async () => {
        if (closed || checking) return;
        checking = true;
        try {
          const view = await getPublicOrderView(orderId);
          if (view) sendIfChanged(view);
        } catch {
          // A transient DB error: the next tick tries again.
        } finally {
          checking = false;
        }
      };

      const unsubscribe = subscribeToOrder(orderId, () => void recheck());
      const recheckTimer = setInterval(() => void recheck(), recheckMs);
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
        clearInterval(recheckTimer);
        clearInterval(heartbeatTimer);
        signal.removeEventListener("abort", close);
      };
      signal.addEventListener("abort", close);
      if (signal.aborted) return close();

      // Tell EventSource to wait 2 s before reconnecting after a drop.
      send("retry: 2000\n\n");
      sendIfChanged(initial);
    },
    cancel() {
      closed = true;
      cleanup();
    },
  });
}
