import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md space-y-4 py-16 text-center">
      <p className="text-sm font-semibold text-accent-600">404</p>
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">We couldn&rsquo;t find that page</h1>
      <p className="text-zinc-600">
        The link may be mistyped, or the order no longer exists. If you were paying, your cart is still saved.
      </p>
      <div className="flex justify-center gap-3 pt-2">
        <Link href="/" className={buttonClasses("primary", "md")}>
          Go to the shop
        </Link>
        <Link href="/cart" className={buttonClasses("secondary", "md")}>
          View cart
        </Link>
      </div>
    </div>
  );
}
