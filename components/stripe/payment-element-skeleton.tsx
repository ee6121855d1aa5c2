import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/components/ui/cn";

/** The Payment Element's fields as placeholders, while Stripe.js (or the code around it) loads. */
export function PaymentElementSkeleton({ className }: { className?: string }) {
  return (
    <div className={cn("space-y-4", className)} aria-busy="true" aria-label="Loading payment form">
      <Skeleton className="h-10 w-full" />
      <div className="grid grid-cols-2 gap-4">
        <Skeleton className="h-10" />
        <Skeleton className="h-10" />
      </div>
      <Skeleton className="h-10 w-full" />
    </div>
  );
}
