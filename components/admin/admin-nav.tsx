"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

/** `ownSearch`: the list page has its own search box, so the top bar's payments search stays away (one search box per page). */
export const ADMIN_SECTIONS = [
  { href: "/admin/dashboard", label: "Dashboard", ownSearch: false },
  { href: "/admin/payments", label: "Payments", ownSearch: true },
  { href: "/admin/subscriptions", label: "Subscriptions", ownSearch: true },
  { href: "/admin/customers", label: "Customers", ownSearch: true },
  { href: "/admin/reviews", label: "Reviews", ownSearch: false },
  { href: "/admin/disputes", label: "Disputes", ownSearch: false },
  { href: "/admin/events", label: "Events", ownSearch: true },
  { href: "/admin/audit", label: "Audit log", ownSearch: false },
] as const;

export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin" data-testid="admin-nav">
      <ul className="flex gap-1 overflow-x-auto md:flex-col">
        {ADMIN_SECTIONS.map((section) => {
          const active = pathname === section.href || pathname.startsWith(`${section.href}/`);
          return (
            <li key={section.href}>
              <Link
                href={section.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "block rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors",
                  active ? "bg-accent-50 text-accent-700" : "text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900",
                )}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
