import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthForm, GitHubSignInButton } from "@/components/auth-form";
import { Card, CardContent } from "@/components/ui/card";
import { getCurrentUser, safeCallbackPath } from "@/lib/auth/session";
import { getAuthEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Create account" };
export const dynamic = "force-dynamic";

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const callbackUrl = safeCallbackPath(query.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  const github = getAuthEnv().github !== null;

  return (
    <div className="mx-auto max-w-sm space-y-6">
      <div className="space-y-1 text-center">
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Create your account</h1>
        <p className="text-sm text-zinc-600">Your orders in one place, and faster checkout.</p>
      </div>
      <Card>
        <CardContent className="space-y-5">
          <AuthForm mode="signup" callbackUrl={callbackUrl} />
          {github && <GitHubSignInButton callbackUrl={callbackUrl} />}
        </CardContent>
      </Card>
      <p className="text-center text-sm text-zinc-600">
        Already have an account?{" "}
        <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="rounded font-medium text-accent-600 hover:text-accent-700 focus-visible:outline-2">
          Sign in
        </Link>
      </p>
    </div>
  );
}
