"use client";
// The top-bar search: a plain GET form to the payments search (email, order id,
// pi_/ch_ id). A list page with its own search box shows only that one.
import { usePathname } from "next/navigation";
import { ADMIN_SECTIONS } from "@/components/admin/admin-nav";
import { SearchInput } from "@/components/admin/filters";

export function AdminSearch() {
  const pathname = usePathname();
  if (ADMIN_SECTIONS.some((s) => s.ownSearch && s.href === pathname)) return <div className="flex-1" />;
  return (
    <form action="/admin/payments" method="get" role="search" className="w-full max-w-md">
      <label htmlFor="admin-search" className="sr-only">
        Search payments
      </label>
      <SearchInput id="admin-search" name="q" placeholder="Search payments by email, order id, pi_… or ch_…" />
    </form>
  );
}
