import { SplitSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return <SplitSkeleton label="Loading" className="max-w-4xl" />;
}
