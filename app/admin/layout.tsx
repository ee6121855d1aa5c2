import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";
import { AdminSearch } from "@/components/admin/admin-search";
import { SignInRedirect } from "@/components/admin/sign-in-redirect";
import { getCurrentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: { default: "Admin", template: "%s · Admin · Payport" }, robots: { index: false } };
export const dynamic = "force-dynamic";

// The shell checks the role on the server and renders nothing of the area for
// anyone else (a customer gets 403); every page checks again itself (layouts
// and pages render independently, so the page's own check is the guard for
// its data). No loading.tsx may sit above the admin pages: a refusal or a
// not-found decided after the first streamed byte would answer 200.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  // A visitor: pages redirect with their exact path; the shell itself shows no admin UI.
  if (!user) return <SignInRedirect />;
  if (user.role !== "admin") forbidden();

  return (
    <div className="flex flex-col gap-6 md:flex-row" data-testid="admin-shell">
      <aside className="md:w-48 md:shrink-0">
        <p className="mb-3 hidden px-3 text-xs font-semibold tracking-wide text-zinc-500 uppercase md:block">Admin</p>
        <AdminNav />
      </aside>
      <div className="min-w-0 flex-1 space-y-6">
        <div className="flex items-center justify-between gap-4 border-b border-zinc-200 pb-4">
          <AdminSearch />
          <span className="hidden text-xs text-zinc-500 sm:block" data-testid="admin-user">
            {user.email}
          </span>
        </div>
        {children}
      </div>
    </div>
  );
}
