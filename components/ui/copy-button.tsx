"use client";
// An id shown in monospace with a button that copies it; the button confirms with its label.
import { useState } from "react";
import { cn } from "./cn";

export function CopyableId({ value, className, label = "Copy" }: { value: string; className?: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className={cn("inline-flex max-w-full items-center gap-1.5", className)}>
      <code className="truncate font-mono text-xs text-zinc-700">{value}</code>
      <button
        type="button"
        onClick={async (event) => {
          event.stopPropagation();
          try {
            await navigator.clipboard.writeText(value);
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          } catch {
            // clipboard blocked (insecure context): the id stays selectable
          }
        }}
        className="shrink-0 rounded px-1 text-xs text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-accent-600"
        aria-label={`${label} ${value}`}
      >
        {copied ? "Copied" : "Copy"}
      </button>
    </span>
  );
}
