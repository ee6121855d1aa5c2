import type { Metadata } from "next";
import { AuthForm, GitHubSignInButton } from "@/components/auth/auth-form";
import { AuthPage } from "@/components/auth/auth-page";
import { authPageContext } from "@/lib/auth/auth-page-context";

export const metadata: Metadata = { title: "Create account" };
export const dynamic = "force-dynamic";

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { callbackUrl, github } = await authPageContext(await searchParams);
  return (
    <AuthPage
      title="Create your account"
      subtitle="Your orders in one place, and faster checkout."
      switchPrompt="Already have an account?"
      switchLabel="Sign in"
      switchHref={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}
    >
      <AuthForm mode="signup" callbackUrl={callbackUrl} />
      {github && <GitHubSignInButton callbackUrl={callbackUrl} />}
    </AuthPage>
  );
}
