// In-process pub/sub for order changes: applyPaymentIntent (and the refund
// handlers) publish, the SSE route subscribes. A globalThis singleton so route
// handlers and dev-server reloads in one process share the same bus. Across
// several processes the SSE stream's periodic DB re-check is the safety net.
import { EventEmitter } from "node:events";

const globalForBus = globalThis as unknown as { __payportOrderEvents?: EventEmitter };

function bus(): EventEmitter {
  if (!globalForBus.__payportOrderEvents) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0); // one listener per open return page
    globalForBus.__payportOrderEvents = emitter;
  }
  return globalForBus.__payportOrderEvents;
}

export function publishOrderChanged(orderId: string): void {
  bus().emit(`order:${orderId}`, orderId);
}

/** Returns the unsubscribe function. */
export function subscribeToOrder(orderId: string, listener: () => void): () => void {
  const event = `order:${orderId}`;
  bus().on(event, listener);
  return () => bus().off(event, listener);
}

export function orderSubscriberCount(orderId: string): number {
  return bus().listenerCount(`order:${orderId}`);
}
