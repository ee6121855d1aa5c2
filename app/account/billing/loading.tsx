import { PageSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return <PageSkeleton label="Loading billing" blocks={["h-44", "h-32", "h-48", "h-56"]} />;
}
