import { useCallback, useEffect, useState } from "react";
import type { ExtensionContextValue } from "@stripe/ui-extension-sdk/context";
import { postToBackend } from "./backend";

export type BackendState<T> = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; data: T };

/**
 * Loads `path` for the Dashboard object in context, sending its id as `idField`.
 * Re-runs when the object changes or reload() is called.
 */
export function useBackendData<T>(path: string, idField: string, context: ExtensionContextValue) {
  const [state, setState] = useState<BackendState<T>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const objectId = context.environment.objectContext?.id;

  useEffect(() => {
    let cancelled = false;
    if (!objectId) {
      setState({ status: "error", message: "Open this app from a Stripe customer, payment, invoice or product." });
      return;
    }
    setState({ status: "loading" });
    postToBackend<T>(path, context, { [idField]: objectId })
      .then((data) => {
        if (!cancelled) setState({ status: "ready", data });
      })
      .catch((error: unknown) => {
        if (!cancelled) setState({ status: "error", message: error instanceof Error ? error.message : "Something went wrong." });
      });
    return () => {
      cancelled = true;
    };
    // The context object is new on every render in the Dashboard; key on the ids instead.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, idField, objectId, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}
