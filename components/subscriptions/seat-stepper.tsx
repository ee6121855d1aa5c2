"use client";
import { Button } from "@/components/ui/button";
import { MAX_SEATS } from "@/lib/subscriptions/limits";

export function SeatStepper({ seats, onChange, label = "Seats" }: { seats: number; onChange: (seats: number) => void; label?: string }) {
  return (
    <div role="group" aria-label={label} className="inline-flex items-center rounded-md border border-zinc-300 bg-white shadow-sm">
      <Button variant="ghost" size="icon" className="rounded-r-none" aria-label="Remove a seat" disabled={seats <= 1} onClick={() => onChange(seats - 1)}>
        <span aria-hidden="true">−</span>
      </Button>
      <output aria-live="polite" className="w-10 text-center text-sm font-medium tabular-nums" data-testid="seat-count">
        {seats}
      </output>
      <Button variant="ghost" size="icon" className="rounded-l-none" aria-label="Add a seat" disabled={seats >= MAX_SEATS} onClick={() => onChange(seats + 1)}>
        <span aria-hidden="true">+</span>
      </Button>
    </div>
  );
}
