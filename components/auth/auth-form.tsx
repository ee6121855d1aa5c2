"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { signInWithPassword } from "@/components/auth/password-sign-in";

type FormError = { message: string; field?: string; signInInstead?: boolean };

const MIN_PASSWORD_LENGTH = 10;

/** Sign in (email + password) or create an account, then go to `callbackUrl`. */
export function AuthForm({ mode, callbackUrl, initialError }: { mode: "signin" | "signup"; callbackUrl: string; initialError?: string | null }) {
  const router = useRouter();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<FormError | null>(initialError ? { message: initialError } : null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const submittingRef = useRef(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submittingRef.current) return;
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    submittingRef.current = true;
    setSubmitting(true);
    setError(null);
    try {
      if (mode === "signup") {
        const response = await fetch("/api/auth/signup", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email, password, name: String(form.get("name") ?? "") }),
        });
        if (!response.ok) {
          const body = (await response.json().catch(() => null)) as { error?: { message: string; field?: string } } | null;
          const problem = body?.error ?? { message: "We couldn't create your account. Please try again." };
          setError({ ...problem, signInInstead: response.status === 409 });
          (problem.field === "password" ? passwordRef : emailRef).current?.focus();
          return;
        }
      }
      const result = await signInWithPassword(email, password, callbackUrl);
      if (!result.ok) {
        setError({
          message:
            result.message ??
            (mode === "signup"
              ? "Your account was created, but signing in failed. Please sign in."
              : "That email and password don't match an account. Check them and try again."),
        });
        passwordRef.current?.select();
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError({ message: "We couldn't reach Payport. Check your connection and try again." });
    } finally {
      submittingRef.current = false;
      setSubmitting(false);
    }
  }

  const emailError = error?.field === "email" ? error.message : null;
  const passwordError = error?.field === "password" ? error.message : null;
  const formError = error && !error.field ? error.message : null;
  const signInHref = `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`;

  return (
    <form onSubmit={submit} noValidate className="space-y-5" aria-label={mode === "signup" ? "Create account" : "Sign in"}>
      {mode === "signup" && (
        <Field id="name" label="Name (optional)">
          {(describedBy) => <Input id="name" name="name" autoComplete="name" maxLength={100} aria-describedby={describedBy} />}
        </Field>
      )}
      <Field id="email" label="Email" error={emailError}>
        {(describedBy) => (
          <Input
            ref={emailRef}
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            inputMode="email"
            required
            aria-describedby={describedBy}
            aria-invalid={emailError ? true : undefined}
          />
        )}
      </Field>
      {error?.signInInstead && (
        <p className="-mt-3 text-sm">
          <Link href={signInHref} className="rounded font-medium text-accent-600 hover:text-accent-700 focus-visible:outline-2">
            Sign in with this email
          </Link>
        </p>
      )}
      <Field
        id="password"
        label="Password"
        hint={mode === "signup" ? `At least ${MIN_PASSWORD_LENGTH} characters.` : undefined}
        error={passwordError}
      >
        {(describedBy) => (
          <Input
            ref={passwordRef}
            id="password"
            name="password"
            type="password"
            autoComplete={mode === "signup" ? "new-password" : "current-password"}
            required
            minLength={mode === "signup" ? MIN_PASSWORD_LENGTH : undefined}
            aria-describedby={describedBy}
            aria-invalid={passwordError ? true : undefined}
          />
        )}
      </Field>
      {formError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {formError}
        </p>
      )}
      <Button type="submit" size="lg" className="w-full" loading={submitting}>
        {mode === "signup" ? "Create account" : "Sign in"}
      </Button>
    </form>
  );
}

export function GitHubSignInButton({ callbackUrl }: { callbackUrl: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="secondary"
      size="lg"
      className="w-full"
      loading={busy}
      onClick={() => {
        setBusy(true);
        void signIn("github", { callbackUrl });
      }}
    >
      Continue with GitHub
    </Button>
  );
}
