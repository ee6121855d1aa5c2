// The filter controls of every admin list, one look everywhere: a GET form of
// fields, one search box, selects, a date range with presets, one "Apply"
// button. Chips and the filter card are in filter-chips.tsx.
import Link from "next/link";
import type { ReactNode } from "react";
import { withQuery } from "@/components/admin/filter-chips";
import { lastDaysRange } from "@/components/admin/format";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { fieldClasses, Label } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

type Query = Record<string, string | undefined>;

/** A GET form back to the list; `keep` carries filters set elsewhere (chips, sort) as hidden fields. */
export function FilterForm({ path, label, keep = {}, children }: { path: string; label: string; keep?: Query; children: ReactNode }) {
  return (
    <form action={path} method="get" className="flex flex-wrap items-end gap-3" aria-label={label}>
      {Object.entries(keep).map(([name, value]) => value && <input key={name} type="hidden" name={name} value={value} />)}
      {children}
      <button type="submit" className={buttonClasses("primary", "sm", "h-9")}>
        Apply
      </button>
    </form>
  );
}

function FilterField({ id, label, className, children }: { id: string; label: string; className?: string; children: ReactNode }) {
  return (
    <div className={cn("space-y-1", className)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
    </div>
  );
}

/** The search input itself (the top bar's and the lists' look the same). */
export function SearchInput({ id, name, value, placeholder }: { id: string; name: string; value?: string; placeholder?: string }) {
  return <input id={id} name={name} type="search" defaultValue={value} placeholder={placeholder} className={cn(fieldClasses, "h-9")} />;
}

/** The list's one search box. */
export function SearchFilter({ label = "Search", value, placeholder }: { label?: string; value?: string; placeholder: string }) {
  return (
    <FilterField id="f-q" label={label} className="min-w-60 flex-1 basis-64">
      <SearchInput id="f-q" name="q" value={value} placeholder={placeholder} />
    </FilterField>
  );
}

export function TextFilter({ id, name, label, value, placeholder }: { id: string; name: string; label: string; value?: string; placeholder?: string }) {
  return (
    <FilterField id={id} label={label} className="w-48">
      <input id={id} name={name} defaultValue={value} placeholder={placeholder} className={cn(fieldClasses, "h-9")} />
    </FilterField>
  );
}

export type FilterOption = string | { value: string; label: string };

export function SelectFilter({ id, name, label, value, anyLabel = "Any", options }: { id: string; name: string; label: string; value?: string; anyLabel?: string; options: readonly FilterOption[] }) {
  return (
    <FilterField id={id} label={label} className="w-40">
      <Select id={id} name={name} defaultValue={value ?? ""} className="h-9">
        <option value="">{anyLabel}</option>
        {options.map((o) => {
          const { value: v, label: l } = typeof o === "string" ? { value: o, label: o } : o;
          return (
            <option key={v} value={v}>
              {l}
            </option>
          );
        })}
      </Select>
    </FilterField>
  );
}

export const YES_NO: { value: string; label: string }[] = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];

const PRESET_DAYS = [7, 30, 90] as const;

/**
 * "From" and "To" (UTC days, the `from` and `to` query keys) wide enough to show
 * the whole date, and one-click presets for the last 7/30/90 days.
 */
export function DateRangeFilter({ path, current, from, to, now = new Date() }: { path: string; current: Query; from?: string; to?: string; now?: Date }) {
  return (
    <fieldset className="flex flex-wrap items-end gap-2">
      <legend className="sr-only">Created between (UTC days)</legend>
      {(
        [
          ["from", "From", from],
          ["to", "To", to],
        ] as const
      ).map(([name, label, value]) => (
        <FilterField key={name} id={`f-${name}`} label={label} className="w-40">
          <input id={`f-${name}`} name={name} type="date" defaultValue={value} className={cn(fieldClasses, "h-9 px-2")} />
        </FilterField>
      ))}
      <ul className="flex h-9 items-center gap-1" aria-label="Date presets">
        {PRESET_DAYS.map((days) => {
          const range = lastDaysRange(days, now);
          const active = from === range.from && to === range.to;
          return (
            <li key={days}>
              <Link
                href={withQuery(path, current, range)}
                aria-current={active ? "true" : undefined}
                className={cn(
                  "rounded-full border px-2.5 py-1 text-xs font-medium whitespace-nowrap",
                  active ? "border-accent-600 bg-accent-600 text-white" : "border-zinc-300 text-zinc-700 hover:bg-zinc-50",
                )}
              >
                Last {days} days
              </Link>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
