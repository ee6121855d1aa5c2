import { CartSkeleton } from "@/components/cart/cart-view";
import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="space-y-8">
      <Skeleton className="h-9 w-48" />
      <CartSkeleton />
    </div>
  );
}
