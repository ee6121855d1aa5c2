import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { buttonClasses } from "@/components/ui/button";
import type { AccountUser } from "@/lib/auth/users";

/** Header: "Sign in" for visitors; the email, "Account" and "Sign out" once signed in. */
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
      <span className="hidden max-w-48 truncate px-2 text-sm text-zinc-500 sm:inline" data-testid="signed-in-email" title={user.email}>
        {user.email}
      </span>
      <Link href="/account" className={buttonClasses("ghost", "md", "px-2 whitespace-nowrap sm:px-4")}>
        Account
      </Link>
      {/* Phones: sign out from the account page, so the header fits. */}
      <div className="hidden sm:block">
        <SignOutButton />
      </div>
    </div>
  );
}
