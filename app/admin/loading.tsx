import { PageSkeleton } from "@/components/ui/skeleton";

export default function AdminLoading() {
  return <PageSkeleton label="Loading" heading="h-8 w-48" blocks={["h-9", "h-72 rounded-xl"]} />;
}
