import type { Metadata } from "next";
import { AuthForm, GitHubSignInButton } from "@/components/auth/auth-form";
import { AuthPage } from "@/components/auth/auth-page";
import { authPageContext } from "@/lib/auth/auth-page-context";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const { callbackUrl, github } = await authPageContext(query);
  return (
    <AuthPage
      title="Sign in to Payport"
      subtitle="See your orders and check out faster."
      switchPrompt="New here?"
      switchLabel="Create an account"
      switchHref={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}
    >
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
    </AuthPage>
  );
}
