import Link from "next/link";
import { AccountNav } from "@/components/layout/account-nav";
import { getCurrentUser } from "@/lib/auth/session";
import { CartLink } from "@/components/cart/cart-link";

export async function SiteHeader() {
  const user = await getCurrentUser();
  return (
    <header className="border-b border-zinc-200 bg-white">
      <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-3 px-4 sm:px-6">
        <Link
          href="/"
          className="flex shrink-0 items-center gap-2 rounded-md text-base font-semibold tracking-tight text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-4"
        >
          <span aria-hidden="true" className="grid size-7 place-items-center rounded-md bg-accent-600 text-sm font-bold text-white">
            P
          </span>
          {/* The mark alone on the narrowest phones, so the name never touches the navigation. */}
          <span className="max-[380px]:sr-only">Payport</span>
        </Link>
        <nav aria-label="Main" className="flex min-w-0 items-center gap-0.5 sm:gap-1">
          <Link href="/pricing" className="rounded-md px-2 py-2 text-sm font-medium text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 sm:px-3">
            Pricing
          </Link>
          <AccountNav user={user} />
          <CartLink />
        </nav>
      </div>
    </header>
  );
}
