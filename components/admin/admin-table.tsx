// The admin's data table: every list (payments, disputes, subscriptions,
// customers, events, audit, refunds) is one of these. Columns that do not fit
// the table's own width fold into the first cell as label/value lines, so
// nothing is clipped from a 1024 px window up; sortable headers are links that
// set `sort` (validated on the server); a row with an href opens its detail
// page when clicked anywhere, and its first cell holds the real link.
import Link from "next/link";
import type { ReactNode } from "react";
import { ClickableRow } from "@/components/admin/clickable-row";
import { withQuery } from "@/components/admin/filter-chips";
import { cn } from "@/components/ui/cn";
import { Table, TableBody, TableEmpty, TableHead, Td, Th } from "@/components/ui/table";
import { formatSort, nextSort, type Sort, type SortDirection } from "@/lib/http/sort";

/**
 * From which table width a column has its own cell: "wide" from 48rem (a 1280 px
 * window beside the admin navigation), "wider" from 64rem (1536 px and up).
 * Narrower, it is a line under the row's first cell.
 */
export type Fold = "wide" | "wider";
// Literal class names, so Tailwind sees them.
const OWN_CELL_FROM: Record<Fold, string> = { wide: "hidden @3xl:table-cell", wider: "hidden @5xl:table-cell" };
const FOLDED_UNTIL: Record<Fold, string> = { wide: "@3xl:hidden", wider: "@5xl:hidden" };

export type AdminColumn<R> = {
  label: string;
  align?: "left" | "right";
  /** The header is for screen readers only (an actions column). */
  srOnlyLabel?: boolean;
  /** The `sort` value this column sorts by, and which direction a first click asks for. */
  sort?: { column: string; first?: SortDirection };
  fold?: Fold;
  className?: string;
  cell: (row: R) => ReactNode;
};

export type TableSort = { path: string; query: Record<string, string | undefined>; current: Sort };

export function AdminTable<R>({
  label,
  testId,
  columns,
  rows,
  rowKey,
  rowHref,
  rowTestId,
  rowData,
  empty,
  sort,
}: {
  label: string;
  testId?: string;
  columns: readonly AdminColumn<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  /** The detail page a click anywhere on the row opens (the first cell should hold a RowLink to it). */
  rowHref?: (row: R) => string | null;
  rowTestId?: string;
  /** data-* attributes of a row (e.g. its status, for tests and styles). */
  rowData?: (row: R) => Record<`data-${string}`, string>;
  empty: { title: string; hint?: ReactNode };
  sort?: TableSort;
}) {
  const folded = columns.filter((c) => c.fold);
  return (
    <Table label={label} data-testid={testId}>
      <TableHead>
        <tr>
          {columns.map((column) => (
            <Th key={column.label} align={column.align} className={cn(column.fold && OWN_CELL_FROM[column.fold])} aria-sort={ariaSort(column, sort)}>
              <HeaderLabel column={column} sort={sort} />
            </Th>
          ))}
        </tr>
      </TableHead>
      <TableBody>
        {rows.length === 0 ? (
          <TableEmpty colSpan={columns.length} title={empty.title}>
            {empty.hint}
          </TableEmpty>
        ) : (
          rows.map((row) => {
            const cells = columns.map((column, index) => (
              <Td key={column.label} align={column.align} className={cn(column.className, column.fold && OWN_CELL_FROM[column.fold])}>
                {column.cell(row)}
                {index === 0 && folded.length > 0 && <FoldedCells row={row} columns={folded} />}
              </Td>
            ));
            const href = rowHref?.(row);
            const data = rowData?.(row) ?? {};
            return href ? (
              <ClickableRow key={rowKey(row)} href={href} testId={rowTestId} data={data}>
                {cells}
              </ClickableRow>
            ) : (
              <tr key={rowKey(row)} data-testid={rowTestId} {...data}>
                {cells}
              </tr>
            );
          })
        )}
      </TableBody>
    </Table>
  );
}

/** The folded columns' values under the first cell, each shown only while its own cell is hidden. */
function FoldedCells<R>({ row, columns }: { row: R; columns: AdminColumn<R>[] }) {
  return (
    <dl className="mt-1.5 space-y-1 text-left text-xs font-normal text-zinc-600" data-folded>
      {columns.map((column) => (
        <div key={column.label} className={cn("flex min-w-0 flex-wrap items-baseline gap-x-1.5", FOLDED_UNTIL[column.fold!])}>
          <dt className={cn("text-zinc-500", column.srOnlyLabel && "sr-only")}>{column.label}</dt>
          <dd className="min-w-0">{column.cell(row)}</dd>
        </div>
      ))}
    </dl>
  );
}

function ariaSort<R>(column: AdminColumn<R>, sort: TableSort | undefined): "ascending" | "descending" | undefined {
  if (!column.sort || !sort || sort.current.column !== column.sort.column) return undefined;
  return sort.current.direction === "asc" ? "ascending" : "descending";
}

function HeaderLabel<R>({ column, sort }: { column: AdminColumn<R>; sort?: TableSort }) {
  if (column.srOnlyLabel) return <span className="sr-only">{column.label}</span>;
  if (!column.sort || !sort) return <>{column.label}</>;
  const active = sort.current.column === column.sort.column;
  const next = nextSort(sort.current, column.sort.column, column.sort.first);
  return (
    <Link
      href={withQuery(sort.path, sort.query, { sort: formatSort(next) })}
      className={cn("inline-flex items-center gap-1 rounded hover:text-zinc-900 focus-visible:outline-2", active && "text-zinc-900")}
      data-testid={`sort-${column.sort.column}`}
    >
      {column.label}
      <span className="sr-only">, sort {next.direction === "asc" ? "ascending" : "descending"}</span>
      <span aria-hidden="true" className={cn("text-[10px]", !active && "text-zinc-300")}>
        {active ? (sort.current.direction === "asc" ? "▲" : "▼") : "↕"}
      </span>
    </Link>
  );
}

/** The real link of a row (its first cell): keyboard users and middle-clicks open the detail page through it. */
export function RowLink({ href, className, children, label }: { href: string; className?: string; children: ReactNode; label?: string }) {
  return (
    <Link href={href} aria-label={label} className={cn("font-medium text-zinc-900 hover:text-accent-700 focus-visible:outline-2", className)}>
      {children}
    </Link>
  );
}

/** A list's parsed filters back as query values (the sort as its `sort` string), for links that keep them. */
export function listQuery(filters: Record<string, string | Sort | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(filters).map(([key, value]) => [key, typeof value === "object" ? formatSort(value) : value]));
}
