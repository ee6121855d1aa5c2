import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export type ActiveFilter = { key: string; label: string; value: string };

/** Builds an href from the current query with some keys replaced or removed (the cursor always resets). */
export function withQuery(path: string, current: Record<string, string | undefined>, changes: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...current, ...changes })) if (value && key !== "cursor") params.set(key, value);
  if (changes.cursor) params.set("cursor", changes.cursor);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** Active filters as removable chips, plus "Clear all". */
export function FilterChips({ path, current, filters }: { path: string; current: Record<string, string | undefined>; filters: ActiveFilter[] }) {
  if (filters.length === 0) return null;
  return (
    <ul className="flex flex-wrap items-center gap-2" aria-label="Active filters" data-testid="filter-chips">
      {filters.map((f) => (
        <li key={f.key}>
          <Link
            href={withQuery(path, current, { [f.key]: undefined })}
            className="inline-flex items-center gap-1.5 rounded-full border border-accent-600/30 bg-accent-50 px-3 py-1 text-xs font-medium text-accent-700 hover:bg-accent-100"
            aria-label={`Remove filter ${f.label}: ${f.value}`}
          >
            {f.label}: {f.value}
            <span aria-hidden="true">×</span>
          </Link>
        </li>
      ))}
      <li>
        <Link href={path} className="text-xs font-medium text-zinc-600 underline-offset-2 hover:underline">
          Clear all
        </Link>
      </li>
    </ul>
  );
}

/** One-click chips for a filter's values (e.g. status), the selected one highlighted. */
export function ChipGroup({
  path,
  current,
  name,
  label,
  options,
}: {
  path: string;
  current: Record<string, string | undefined>;
  name: string;
  label: string;
  options: { value: string; label: string }[];
}) {
  const selected = current[name];
  return (
    <div role="group" aria-label={label} className="flex flex-wrap items-center gap-1.5">
      <span className="mr-1 text-xs font-medium text-zinc-500">{label}</span>
      {[{ value: "", label: "All" }, ...options].map((o) => {
        const active = (selected ?? "") === o.value;
        return (
          <Link
            key={o.value || "all"}
            href={withQuery(path, current, { [name]: o.value || undefined })}
            aria-current={active ? "true" : undefined}
            className={cn(
              "rounded-full border px-3 py-1 text-xs font-medium transition-colors",
              active ? "border-accent-600 bg-accent-600 text-white" : "border-zinc-300 bg-white text-zinc-700 hover:bg-zinc-50",
            )}
          >
            {o.label}
          </Link>
        );
      })}
    </div>
  );
}

export function Pagination({ nextHref, firstHref, isFirst }: { nextHref: string | null; firstHref: string; isFirst: boolean }) {
  return (
    <nav aria-label="Pagination" className="flex items-center justify-end gap-2">
      {!isFirst && (
        <Link href={firstHref} className="rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-700 shadow-sm hover:bg-zinc-50">
          First page
        </Link>
      )}
      {nextHref ? (
        <Link href={nextHref} className="rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-700 shadow-sm hover:bg-zinc-50" rel="next">
          Next page
        </Link>
      ) : (
        <span className="text-sm text-zinc-500">End of list</span>
      )}
    </nav>
  );
}

/** The filter card above a list: its controls, the active filters as chips, and why a bad query was ignored. */
export function FilterPanel({
  path,
  current,
  filters,
  invalid,
  children,
}: {
  path: string;
  current: Record<string, string | undefined>;
  filters: ActiveFilter[];
  invalid: string | null;
  children: ReactNode;
}) {
  return (
    <div className="space-y-3 rounded-xl border border-zinc-200 bg-white p-4">
      {children}
      <FilterChips path={path} current={current} filters={filters} />
      {invalid && (
        <p role="alert" className="text-sm text-red-600">
          {invalid} Showing the unfiltered list instead.
        </p>
      )}
    </div>
  );
}

/**
 * The chips for the filters that are set, in the order of `labels`: each key's
 * chip label, and optionally how its value reads (e.g. a status's label).
 */
export function activeFilters<F extends { [key: string]: unknown }>(
  values: F,
  labels: { [K in keyof F]?: string | [label: string, show: (value: NonNullable<F[K]>) => string] },
): ActiveFilter[] {
  const active: ActiveFilter[] = [];
  for (const key of Object.keys(labels) as (keyof F & string)[]) {
    const value = values[key];
    const spec = labels[key];
    if (!value || !spec) continue;
    active.push(typeof spec === "string" ? { key, label: spec, value: String(value) } : { key, label: spec[0], value: spec[1](value as NonNullable<F[typeof key]>) });
  }
  return active;
}
