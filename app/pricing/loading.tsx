import { CardGridSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return <CardGridSkeleton label="Loading plans" centered />;
}
