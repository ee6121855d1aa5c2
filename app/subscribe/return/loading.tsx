import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="mx-auto max-w-2xl space-y-4 rounded-xl border border-zinc-200 bg-white p-6" aria-busy="true" aria-label="Loading your subscription">
      <Skeleton className="h-8 w-2/3" />
      <Skeleton className="h-4 w-full" />
      <Skeleton className="h-20 w-full" />
    </div>
  );
}
