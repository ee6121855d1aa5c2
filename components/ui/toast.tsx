"use client";
// Toasts: short confirmations after an action, announced politely to screen
// readers; errors are announced assertively. One at a time (toast-queue.ts),
// gone when the page changes, and hidden while a modal dialog is open.
import { usePathname } from "next/navigation";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { cn } from "./cn";
import { type Toast, toastQueue, type ToastTone } from "./toast-queue";

type ToastInput = { title: string; description?: string; tone?: ToastTone };

const ToastContext = createContext<((toast: ToastInput) => void) | null>(null);

const TOAST_MS = 4000;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, dispatch] = useReducer(toastQueue, []);
  const nextId = useRef(1);
  const pathname = usePathname();

  // A confirmation belongs to the page it was about ("Added to cart" does not follow the shopper to checkout).
  useEffect(() => dispatch({ type: "clear" }), [pathname]);

  const dismiss = useCallback((id: number) => dispatch({ type: "dismiss", id }), []);
  const toast = useCallback((input: ToastInput) => {
    dispatch({ type: "show", toast: { id: nextId.current++, tone: "default", ...input } });
  }, []);

  return (
    <ToastContext.Provider value={toast}>
      {children}
      {/* Hidden under an open modal (ours, or the card issuer's 3-D Secure challenge), never shown beneath it. */}
      <div className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end [body:has(dialog[open])_&]:hidden [body:has([aria-modal=true])_&]:hidden [body:has(>[data-stripe-standin])_&]:hidden [body:has(>div>iframe[name^=__privateStripeFrame])_&]:hidden">
        <div role="status" aria-live="polite" className="contents">
          {toasts.filter((t) => t.tone !== "error").map((t) => (
            <ToastItem key={t.id} toast={t} onDismiss={dismiss} />
          ))}
        </div>
        <div role="alert" aria-live="assertive" className="contents">
          {toasts.filter((t) => t.tone === "error").map((t) => (
            <ToastItem key={t.id} toast={t} onDismiss={dismiss} />
          ))}
        </div>
      </div>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (paused) return;
    const timer = setTimeout(() => onDismiss(toast.id), TOAST_MS);
    return () => clearTimeout(timer);
  }, [paused, toast.id, onDismiss]);

  return (
    <div
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
      className={cn(
        "pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-lg border bg-white p-4 shadow-lg",
        toast.tone === "error" ? "border-red-200" : "border-zinc-200",
      )}
    >
      <span
        aria-hidden="true"
        className={cn(
          "mt-1.5 size-2 shrink-0 rounded-full",
          toast.tone === "success" ? "bg-emerald-500" : toast.tone === "error" ? "bg-red-500" : "bg-accent-600",
        )}
      />
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium text-zinc-900">{toast.title}</p>
        {toast.description && <p className="mt-0.5 text-sm text-zinc-600">{toast.description}</p>}
      </div>
      <button
        type="button"
        onClick={() => onDismiss(toast.id)}
        className="-m-1 rounded p-1 text-zinc-400 hover:text-zinc-700 focus-visible:outline-2 focus-visible:outline-accent-600"
        aria-label="Dismiss notification"
      >
        <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" aria-hidden="true">
          <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
        </svg>
      </button>
    </div>
  );
}

export function useToast(): (toast: ToastInput) => void {
  const toast = useContext(ToastContext);
  if (!toast) throw new Error("useToast must be used inside <ToastProvider>");
  return useMemo(() => toast, [toast]);
}
