// The pieces every admin list page is made of besides its table (admin-table.tsx)
// and filters (filters.tsx): its title (with a CSV export) and cursor pagination.
// Detail pages use ListTable for their small fixed tables.
import Link from "next/link";
import type { ReactNode } from "react";
import { Pagination, withQuery } from "@/components/admin/filter-chips";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
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
