import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { buttonClasses } from "@/components/ui/button";
import type { AccountUser } from "@/lib/auth/users";

/**
 * Header: "Sign in" for visitors; the email, "Account" and "Sign out" once
 * signed in. On phones the three fold into one "Account" menu, so the header
 * fits and Sign out is one tap away on every page.
 */
export function AccountNav({ user }: { user: AccountUser | null }) {
  if (!user) {
    return (
      <Link href="/signin" className={buttonClasses("ghost", "md", "px-2 whitespace-nowrap sm:px-4")}>
        Sign in
      </Link>
    );
  }
  return (
    <div className="flex items-center gap-1" data-testid="account-nav">
      <div className="hidden items-center gap-1 sm:flex">
        <span className="max-w-48 truncate px-2 text-sm text-zinc-500" data-testid="signed-in-email" title={user.email}>
          {user.email}
        </span>
        <Link href="/account" className={buttonClasses("ghost", "md", "px-4 whitespace-nowrap")}>
          Account
        </Link>
        <SignOutButton />
      </div>
      <details className="group relative sm:hidden" data-testid="account-menu">
        <summary className={buttonClasses("ghost", "md", "list-none px-2 whitespace-nowrap [&::-webkit-details-marker]:hidden")} aria-label="Account menu">
          Account
          <span aria-hidden="true" className="ml-1 text-xs text-zinc-400 group-open:rotate-180">
            ▾
          </span>
        </summary>
        <div className="absolute right-0 z-40 mt-1 w-56 space-y-1 rounded-lg border border-zinc-200 bg-white p-2 shadow-lg">
          <p className="truncate px-2 py-1 text-xs text-zinc-500" title={user.email}>
            {user.email}
          </p>
          <Link href="/account" className={buttonClasses("ghost", "md", "w-full justify-start px-2")}>
            Account
          </Link>
          <SignOutButton className="w-full justify-start" />
        </div>
      </details>
    </div>
  );
}
