// The pieces every admin list page is made of: its title (with a CSV export),
// a GET form of filters, the table with its empty state, and cursor pagination.
// Detail pages reuse the table and the titled section.
import Link from "next/link";
import type { ReactNode } from "react";
import { Pagination, withQuery } from "@/components/admin/filter-chips";
import { buttonClasses, type ButtonVariant } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input, Label } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableEmpty, TableHead, Th } from "@/components/ui/table";

type Query = Record<string, string | undefined>;

const titleClasses = "text-2xl font-semibold tracking-tight text-zinc-900";

/** The page's h1, with either a line of explanation under it or a CSV export beside it. */
export function ListTitle({ title, description, exportHref, exportTestId }: { title: string; description?: string; exportHref?: string; exportTestId?: string }) {
  const heading = <h1 className={titleClasses}>{title}</h1>;
  if (exportHref)
    return (
      <div className="flex flex-wrap items-center justify-between gap-3">
        {heading}
        <a href={exportHref} className={buttonClasses("secondary", "sm")} download data-testid={exportTestId}>
          Export CSV
        </a>
      </div>
    );
  if (description)
    return (
      <div>
        {heading}
        <p className="text-sm text-zinc-500">{description}</p>
      </div>
    );
  return heading;
}

/** A GET form back to the list; `keep` carries filters set elsewhere (chips) as hidden fields. */
export function FilterForm({ path, label, keep = {}, className, children }: { path: string; label: string; keep?: Query; className: string; children: ReactNode }) {
  return (
    <form action={path} method="get" className={className} aria-label={label}>
      {Object.entries(keep).map(([name, value]) => value && <input key={name} type="hidden" name={name} value={value} />)}
      {children}
    </form>
  );
}

export function FilterField({ id, label, className, children }: { id: string; label: string; className?: string; children: ReactNode }) {
  return (
    <div className={cn("space-y-1", className)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
    </div>
  );
}

export function TextFilter({ id, name, label, value, placeholder, className }: { id: string; name: string; label: string; value?: string; placeholder?: string; className?: string }) {
  return (
    <FilterField id={id} label={label} className={className}>
      <Input id={id} name={name} defaultValue={value} placeholder={placeholder} className="h-9" />
    </FilterField>
  );
}

export type FilterOption = string | { value: string; label: string };

export function SelectFilter({ id, name, label, value, anyLabel = "Any", options }: { id: string; name: string; label: string; value?: string; anyLabel?: string; options: readonly FilterOption[] }) {
  return (
    <FilterField id={id} label={label}>
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

/** "From" and "To" date inputs side by side (the `from` and `to` query keys). */
export function DateRangeFilter({ from, to, className }: { from?: string; to?: string; className?: string }) {
  return (
    <div className={cn("grid grid-cols-2 gap-2", className)}>
      {(
        [
          ["from", "From", from],
          ["to", "To", to],
        ] as const
      ).map(([name, label, value]) => (
        <FilterField key={name} id={`f-${name}`} label={label}>
          <Input id={`f-${name}`} name={name} type="date" defaultValue={value} className="h-9 px-1.5 text-xs" />
        </FilterField>
      ))}
    </div>
  );
}

export function SubmitFilters({ children, variant = "primary" }: { children: ReactNode; variant?: ButtonVariant }) {
  return (
    <button type="submit" className={buttonClasses(variant, "sm")}>
      {children}
    </button>
  );
}

export type Column = string | { label: string; align?: "left" | "right"; srOnly?: boolean };

/**
 * A list's table: its column headers, then either the rows or, when `empty` is
 * given, one row saying there is nothing to show and what to do next.
 */
export function ListTable({
  label,
  testId,
  columns,
  empty,
  children,
}: {
  label: string;
  testId?: string;
  columns: readonly Column[];
  empty?: false | { title: string; hint?: ReactNode };
  children?: ReactNode;
}) {
  return (
    <Table label={label} data-testid={testId}>
      <TableHead>
        <tr>
          {columns.map((column) => {
            const { label: text, align, srOnly } = typeof column === "string" ? { label: column, align: undefined, srOnly: false } : column;
            return (
              <Th key={text} align={align}>
                {srOnly ? <span className="sr-only">{text}</span> : text}
              </Th>
            );
          })}
        </tr>
      </TableHead>
      <TableBody>
        {empty ? (
          <TableEmpty colSpan={columns.length} title={empty.title}>
            {empty.hint}
          </TableEmpty>
        ) : (
          children
        )}
      </TableBody>
    </Table>
  );
}

/** The link in an empty state back to the whole list. */
export function ShowAllLink({ path, className, children }: { path: string; className?: string; children: ReactNode }) {
  return (
    <Link href={path} className={cn(className, "text-accent-700 hover:underline")}>
      {children}
    </Link>
  );
}

/** Cursor pagination that keeps the list's filters. */
export function ListPagination({ path, current, cursor, nextCursor }: { path: string; current: Query; cursor: string | null | undefined; nextCursor: string | null | undefined }) {
  return <Pagination isFirst={!cursor} firstHref={withQuery(path, current, {})} nextHref={nextCursor ? withQuery(path, current, { cursor: nextCursor }) : null} />;
}
