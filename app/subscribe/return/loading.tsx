import { PageSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return <PageSkeleton label="Loading your subscription" className="mx-auto max-w-2xl" heading="h-8 w-2/3" blocks={["h-4", "h-20"]} />;
}
