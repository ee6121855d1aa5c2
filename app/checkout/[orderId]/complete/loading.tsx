import { PageSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return <PageSkeleton label="Loading order status" className="mx-auto max-w-2xl" heading="h-40 w-full rounded-xl" blocks={["h-64 rounded-xl"]} />;
}
