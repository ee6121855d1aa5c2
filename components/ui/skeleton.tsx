import { cn } from "./cn";

/** A placeholder block; wrap groups in an element with aria-busy and a label. */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn("animate-pulse rounded-md bg-zinc-200/70", className)} />;
}

/** A loading page: announced busy with its label, stacking placeholder blocks (their classes) under a heading. */
export function PageSkeleton({ label, heading = "h-9 w-40", blocks, className }: { label: string; heading?: string; blocks: string[]; className?: string }) {
  return (
    <div className={cn("space-y-6", className)} aria-busy="true" aria-label={label}>
      <Skeleton className={heading} />
      {blocks.map((block, i) => (
        <Skeleton key={i} className={cn("w-full", block)} />
      ))}
    </div>
  );
}

/** A loading grid of cards (the shop, the plans) under a heading. */
export function CardGridSkeleton({ label, centered = false, cardClassName = "h-96" }: { label: string; centered?: boolean; cardClassName?: string }) {
  return (
    <div className="space-y-8" aria-busy="true" aria-label={label}>
      <div className={cn("space-y-3", centered && "mx-auto max-w-2xl")}>
        <Skeleton className={cn("h-8 w-40", centered && "mx-auto")} />
        <Skeleton className={cn("h-5 w-96 max-w-full", centered && "mx-auto")} />
      </div>
      <div className="grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className={cn("w-full", cardClassName)} />
        ))}
      </div>
    </div>
  );
}
