import { cn } from "./cn";

/** A placeholder block; wrap groups in an element with aria-busy and a label. */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn("animate-pulse rounded-md bg-zinc-200/70", className)} />;
}
