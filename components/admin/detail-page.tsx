// The blocks admin detail pages are made of: titled sections (usually a table
// or a timeline) in the main column, titled cards beside them.
import type { ReactNode } from "react";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

/** A titled section of a detail page, with an optional hint on the right of its heading. */
export function DetailSection({ id, title, hint, children }: { id: string; title: string; hint?: string; children: ReactNode }) {
  const heading = (
    <h2 id={id} className="text-lg font-semibold text-zinc-900">
      {title}
    </h2>
  );
  return (
    <section aria-labelledby={id} className="space-y-3">
      {hint ? (
        <div className="flex items-baseline justify-between">
          {heading}
          <p className="text-xs text-zinc-500">{hint}</p>
        </div>
      ) : (
        heading
      )}
      {children}
    </section>
  );
}

/** A card with a title over its content (the side panels of a detail page). */
export function TitledCard({ title, className, testId, children }: { title: string; className?: string; testId?: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent className={className} data-testid={testId}>
        {children}
      </CardContent>
    </Card>
  );
}

/** One label/value pair of a detail card's `<dl>`. */
export function DetailItem({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-zinc-500">{label}</dt>
      <dd className="mt-1 font-medium text-zinc-900 tabular-nums" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
