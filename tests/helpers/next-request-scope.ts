// Runs a route handler inside Next.js's request scope, as the Next server
// does, so code that calls `cookies()` / `headers()` from next/headers (next-auth's
// App Router handler does) works in Vitest. Import this module before anything
// that loads next/server: Next's storages need AsyncLocalStorage on globalThis
// when they are created, which Next's own server sets up at boot.
import { AsyncLocalStorage } from "node:async_hooks";

(globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;

const { workUnitAsyncStorage } = await import("next/dist/server/app-render/work-unit-async-storage.external.js");
const { workAsyncStorage } = await import("next/dist/server/app-render/work-async-storage.external.js");
const { createRequestStoreForAPI } = await import("next/dist/server/async-storage/request-store.js");

export function inNextRequestScope<T>(request: Request, run: () => Promise<T>): Promise<T> {
  const store = createRequestStoreForAPI(request as never, new URL(request.url) as never, { tags: [], expirationsByCacheKind: new Map() } as never, undefined, undefined as never, undefined);
  // The little of a route's work store that cookies()/headers() consult for a dynamic route.
  const work = { route: new URL(request.url).pathname, forceStatic: false, dynamicShouldError: false, isStaticGeneration: false };
  return workAsyncStorage.run(work as never, () => workUnitAsyncStorage.run(store as never, run));
}
