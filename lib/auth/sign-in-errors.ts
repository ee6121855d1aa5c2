// Messages for the ?error= codes next-auth puts on /signin (pages.error), in words a person can act on.
const MESSAGES: Record<string, string> = {
  CredentialsSignin: "That email and password don't match an account. Check them and try again.",
  AccessDenied: "GitHub didn't share a verified email address. Verify your primary email on GitHub, or sign in with email and password.",
  PasswordAccountExists: "That email already has a Payport password. Sign in with your email and password instead.",
  OAuthSignin: "We couldn't start signing in with GitHub. Please try again.",
  OAuthCallback: "Signing in with GitHub didn't complete. Please try again.",
  Callback: "Signing in didn't complete. Please try again.",
  SessionRequired: "Sign in to continue.",
  TooManySignInAttempts: "Too many sign-in attempts. Wait a few minutes, then try again.",
};

export function signInErrorMessage(code: unknown): string | null {
  if (typeof code !== "string" || code === "") return null;
  return MESSAGES[code] ?? "Signing in didn't work. Please try again.";
}
