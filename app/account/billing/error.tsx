"use client";
import { Button } from "@/components/ui/button";

export default function BillingError({ reset }: { reset: () => void }) {
  return (
    <div role="alert" className="space-y-3 rounded-xl border border-red-200 bg-red-50 p-6 text-sm text-red-800">
      <p className="font-semibold">We couldn't load your billing details.</p>
      <p>Nothing was changed. Try again in a moment.</p>
      <Button variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
