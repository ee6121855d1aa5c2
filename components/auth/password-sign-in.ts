// Email + password sign-in through next-auth's credentials callback. next-auth's
// own signIn() keeps only an error code of the answer; this reads the answer
// itself, so a refusal in front of next-auth (429 throttled with "Try again in
// 15 minutes.", a 400) reaches the person in the server's words.
import { getCsrfToken } from "next-auth/react";

export type PasswordSignInResult = { ok: true } | { ok: false; status: number; message: string | null };

export async function signInWithPassword(email: string, password: string, callbackUrl: string): Promise<PasswordSignInResult> {
  const csrfToken = (await getCsrfToken()) ?? "";
  const response = await fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl, json: "true" }),
  });
  if (response.ok) return { ok: true };
  // A wrong password is next-auth's 401 `{ url }`; our refusals are `{ error: { message } }`.
  const body = (await response.json().catch(() => null)) as { error?: { message?: unknown } } | null;
  const message = typeof body?.error?.message === "string" ? body.error.message : null;
  return { ok: false, status: response.status, message };
}
