// Sign-out is a plain form post to next-auth's own endpoint: it works before
// (and without) the page's JavaScript, and puts no next-auth code in the
// browser bundle of every page. The CSRF token is read on the server; a
// browser without one yet gets next-auth's confirmation page instead, which
// sets the token and asks once more.
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { nextAuthCsrfToken } from "@/lib/auth/csrf-token";

export async function SignOutButton({ className, variant = "ghost" }: { className?: string; variant?: "ghost" | "secondary" }) {
  const csrfToken = await nextAuthCsrfToken();
  return (
    <form method="post" action="/api/auth/signout">
      <input type="hidden" name="csrfToken" value={csrfToken ?? ""} />
      <input type="hidden" name="callbackUrl" value="/" />
      <Button type="submit" variant={variant} size="md" className={cn("px-2 whitespace-nowrap sm:px-4", className)}>
        Sign out
      </Button>
    </form>
  );
}
