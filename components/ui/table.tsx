import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

/** A bordered, horizontally scrollable table (a size container, so columns can fold by the table's own width); `label` names it for screen readers. `relative` keeps sr-only (absolute) cells inside the scroller. */
export function Table({ className, children, label, ...props }: ComponentProps<"table"> & { label?: string }) {
  return (
    <div className="@container relative overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-sm">
      <table aria-label={label} className={cn("w-full text-sm", className)} {...props}>
        {children}
      </table>
    </div>
  );
}

export function TableHead({ className, ...props }: ComponentProps<"thead">) {
  return <thead className={cn("border-b border-zinc-200 bg-zinc-50 text-left text-xs font-medium text-zinc-500", className)} {...props} />;
}

export function TableBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody className={cn("divide-y divide-zinc-100", className)} {...props} />;
}

export function Th({ className, align = "left", ...props }: ComponentProps<"th"> & { align?: "left" | "right" }) {
  return <th scope="col" className={cn("px-4 py-3 font-medium whitespace-nowrap", align === "right" && "text-right", className)} {...props} />;
}

export function Td({ className, align = "left", ...props }: ComponentProps<"td"> & { align?: "left" | "right" }) {
  return <td className={cn("px-4 py-3 align-middle", align === "right" && "text-right tabular-nums", className)} {...props} />;
}

/** The row of a table with nothing to show: says so, and what to do next. */
export function TableEmpty({ colSpan, title, children }: { colSpan: number; title: string; children?: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-4 py-12 text-center">
        <p className="font-medium text-zinc-900">{title}</p>
        {children && <div className="mt-1 text-sm text-zinc-600">{children}</div>}
      </td>
    </tr>
  );
}
