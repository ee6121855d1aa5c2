"use client";
// A table row that opens its detail page when clicked anywhere; the row's own link keeps it keyboard reachable.
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";

export function ClickableRow({ href, children, testId }: { href: string; children: ReactNode; testId?: string }) {
  const router = useRouter();
  return (
    <tr
      data-testid={testId}
      onClick={(event) => {
        if ((event.target as HTMLElement).closest("a,button,input,select,label")) return;
        if (window.getSelection()?.toString()) return; // selecting text to copy is not a click
        router.push(href);
      }}
      className="cursor-pointer hover:bg-zinc-50"
    >
      {children}
    </tr>
  );
}
