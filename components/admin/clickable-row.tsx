"use client";
// A table row that opens its detail page when clicked anywhere; the row's own link (RowLink) keeps it keyboard reachable.
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";

export function ClickableRow({ href, children, testId, data }: { href: string; children: ReactNode; testId?: string; data?: Record<`data-${string}`, string> }) {
  const router = useRouter();
  return (
    <tr
      data-testid={testId}
      {...data}
      onClick={(event) => {
        if ((event.target as HTMLElement).closest("a,button,input,select,label,summary,details")) return;
        if (window.getSelection()?.toString()) return; // selecting text to copy is not a click
        if (event.metaKey || event.ctrlKey) window.open(href, "_blank", "noopener");
        else router.push(href);
      }}
      className="cursor-pointer hover:bg-zinc-50"
    >
      {children}
    </tr>
  );
}
