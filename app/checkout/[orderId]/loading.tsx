import { SplitSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return <SplitSkeleton label="Loading checkout" className="max-w-5xl" />;
}
