// The `sort` query parameter of the admin lists: a column name, "-" first for
// newest/largest first ("-amount"). Each list names the columns it can sort by
// (those with an index or a small table); anything else is a 400 naming them.
import { z } from "zod";

export type SortDirection = "asc" | "desc";
export type Sort<C extends string = string> = { column: C; direction: SortDirection };

export function formatSort(sort: Sort): string {
  return sort.direction === "desc" ? `-${sort.column}` : sort.column;
}

/** A zod schema reading `sort` into `{ column, direction }`, limited to `columns`. */
export function sortParam<const C extends string>(columns: readonly [C, ...C[]]) {
  const allowed = columns.flatMap((c) => [c, `-${c}`]).join(", ");
  return z
    .string()
    .trim()
    .max(64)
    .transform((value, ctx): Sort<C> => {
      const direction: SortDirection = value.startsWith("-") ? "desc" : "asc";
      const column = value.replace(/^-/, "");
      if (!(columns as readonly string[]).includes(column)) {
        ctx.addIssue({ code: "custom", message: `sort must be one of ${allowed}.` });
        return z.NEVER;
      }
      return { column: column as C, direction };
    });
}

/** The sort a header link sets: the other direction when the list is already sorted by it, else its natural first direction. */
export function nextSort<C extends string>(current: Sort<C>, column: C, firstDirection: SortDirection = "desc"): Sort<C> {
  if (current.column === column) return { column, direction: current.direction === "desc" ? "asc" : "desc" };
  return { column, direction: firstDirection };
}
