"use client";
// Time left to respond to a dispute, refreshed every minute. Urgent (< 48 h)
// in amber, overdue in red; the exact deadline is in the title.
import { useEffect, useState } from "react";
import { cn } from "@/components/ui/cn";

const deadlineFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function timeLeft(dueBy: Date, now: number): { label: string; tone: "ok" | "urgent" | "overdue" } {
  const ms = dueBy.getTime() - now;
  if (ms <= 0) return { label: "Overdue", tone: "overdue" };
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const label = days > 0 ? `${days} d ${hours} h left` : hours > 0 ? `${hours} h ${minutes % 60} min left` : `${minutes} min left`;
  return { label, tone: ms < 48 * 3_600_000 ? "urgent" : "ok" };
}

export function EvidenceCountdown({ dueBy, active = true }: { dueBy: string | null; active?: boolean }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, [active]);
  if (!dueBy) return <span className="text-zinc-500">—</span>;
  const due = new Date(dueBy);
  const exact = `${deadlineFormat.format(due)} UTC`;
  if (!active) return <span className="text-zinc-500" data-testid="evidence-due">{exact}</span>;
  const left = timeLeft(due, now);
  return (
    <span className="inline-flex flex-col" data-testid="evidence-due" data-due-by={dueBy}>
      <span
        suppressHydrationWarning
        className={cn("font-medium", left.tone === "overdue" ? "text-red-700" : left.tone === "urgent" ? "text-amber-700" : "text-zinc-900")}
      >
        {left.label}
      </span>
      <span className="text-xs text-zinc-500">{exact}</span>
    </span>
  );
}
