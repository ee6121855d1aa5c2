// Server-sent events for one order's return page: `event: status` with the
// public order view, now and after every change published on the live bus
// (whichever instance applied it).
import { liveEventStream, type LiveStreamOptions } from "@/lib/live/sse";
import { getPublicOrderView, type PublicOrderView } from "@/lib/orders/queries";

export function streamOrderEvents(orderId: string, initial: PublicOrderView, signal: AbortSignal, options?: LiveStreamOptions): ReadableStream<Uint8Array> {
  return liveEventStream({ topic: `order:${orderId}`, event: "status", initial, read: () => getPublicOrderView(orderId), signal }, options);
}
