import { PageSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return <PageSkeleton label="Loading your account" heading="h-9 w-56" blocks={["h-32", "h-14", "h-14", "h-14"]} />;
}
