import { PAYMENT_ELEMENT_HEIGHT } from "@/components/stripe/payment-element-box";
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

/** A loading two-column page (checkout, subscribe): text on the left, the payment card on the right. */
export function SplitSkeleton({ label, className }: { label: string; className?: string }) {
  return (
    <div className={cn("mx-auto grid gap-8 md:grid-cols-2 md:gap-12", className)} aria-busy="true" aria-label={label}>
      <div className="space-y-4">
        <Skeleton className="h-4 w-24" />
        <Skeleton className="h-9 w-40" />
        <Skeleton className="h-16 w-full" />
        <Skeleton className="h-16 w-full" />
      </div>
      {/* The payment card at its final size (the Payment Element's box included), so the page arriving moves nothing below it. */}
      <div className="space-y-6 self-start rounded-xl border border-zinc-200 bg-white p-6">
        <Skeleton className="h-7 w-32" />
        <Skeleton className={cn("w-full", PAYMENT_ELEMENT_HEIGHT)} />
        <Skeleton className="h-12 w-full" />
        <Skeleton className="mx-auto h-4 w-64 max-w-full" />
      </div>
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
