"use client";
// Layouts don't know the URL they render for, so the admin shell sends a
// signed-out visitor to sign in from the browser, with the exact way back.
import { useEffect } from "react";

export function SignInRedirect() {
  useEffect(() => {
    const back = `${window.location.pathname}${window.location.search}`;
    window.location.replace(`/signin?callbackUrl=${encodeURIComponent(back)}`);
  }, []);
  return (
    <p className="py-16 text-center text-sm text-zinc-600" data-testid="admin-sign-in-redirect">
      <a href="/signin?callbackUrl=%2Fadmin" className="font-medium text-accent-700 hover:underline">
        Sign in
      </a>{" "}
      to continue.
    </p>
  );
}
