import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="space-y-6" aria-busy="true" aria-label="Loading billing">
      <Skeleton className="h-9 w-40" />
      <Skeleton className="h-44 w-full" />
      <Skeleton className="h-32 w-full" />
      <div className="grid gap-6 lg:grid-cols-2">
        <Skeleton className="h-48" />
        <Skeleton className="h-48" />
      </div>
      <Skeleton className="h-56 w-full" />
    </div>
  );
}
