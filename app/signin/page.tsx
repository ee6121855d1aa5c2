import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthForm, GitHubSignInButton } from "@/components/auth-form";
import { Card, CardContent } from "@/components/ui/card";
import { getCurrentUser, safeCallbackPath } from "@/lib/auth/session";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { getAuthEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const callbackUrl = safeCallbackPath(query.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  const github = getAuthEnv().github !== null;

  return (
    <div className="mx-auto max-w-sm space-y-6">
      <div className="space-y-1 text-center">
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Sign in to Payport</h1>
        <p className="text-sm text-zinc-600">See your orders and check out faster.</p>
      </div>
      <Card>
        <CardContent className="space-y-5">
          <AuthForm mode="signin" callbackUrl={callbackUrl} initialError={signInErrorMessage(query.error)} />
          {github && (
            <>
              <div className="flex items-center gap-3 text-xs text-zinc-500" aria-hidden="true">
                <span className="h-px flex-1 bg-zinc-200" />
                or
                <span className="h-px flex-1 bg-zinc-200" />
              </div>
              <GitHubSignInButton callbackUrl={callbackUrl} />
            </>
          )}
        </CardContent>
      </Card>
      <p className="text-center text-sm text-zinc-600">
        New here?{" "}
        <Link href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="rounded font-medium text-accent-600 hover:text-accent-700 focus-visible:outline-2">
          Create an account
        </Link>
      </p>
    </div>
  );
}
