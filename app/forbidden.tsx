import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

// What forbidden() renders, with status 403: a signed-in account opened an
// area its role does not allow (the admin area, for a customer).
export default function AccessRefused() {
  return (
    <div className="mx-auto max-w-md space-y-4 py-16 text-center" data-testid="access-refused">
      <p className="text-sm font-semibold text-accent-600">403</p>
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Access refused</h1>
      <p className="text-zinc-600">You&rsquo;re signed in, but your account isn&rsquo;t allowed on this page. If you need access, ask an administrator.</p>
      <div className="flex justify-center gap-3 pt-2">
        <Link href="/account" className={buttonClasses("primary", "md")}>
          Your account
        </Link>
        <Link href="/" className={buttonClasses("secondary", "md")}>
          Go to the shop
        </Link>
      </div>
    </div>
  );
}
