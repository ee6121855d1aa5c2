// next-auth 4 configuration: JWT sessions carrying the user id and role,
// email + password (works offline) and GitHub when GITHUB_ID/GITHUB_SECRET
// are set. Built on first use, so `next build` never needs the secrets.
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { getAuthEnv } from "@/lib/env";
import { authorizePassword } from "@/lib/auth/sign-in-throttle";
import { findOrCreateOAuthUser, oauthMayUseEmail, type Role } from "@/lib/auth/users";
import { recordSignInAttempt } from "@/lib/auth/sign-in-events";

const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

type GithubEmail = { email: string; primary: boolean; verified: boolean };

/** GitHub sign-in: the account's primary email, and only if GitHub has verified it. */
function githubProvider(clientId: string, clientSecret: string) {
  return GitHubProvider({
    clientId,
    clientSecret,
    userinfo: {
      url: "https://api.github.com/user",
      async request({ client, tokens }) {
        const profile = await client.userinfo(tokens.access_token!);
        const res = await fetch("https://api.github.com/user/emails", {
          headers: { Authorization: `token ${tokens.access_token}`, Accept: "application/vnd.github+json" },
        });
        const emails = res.ok ? ((await res.json()) as GithubEmail[]) : [];
        const primary = emails.find((e) => e.primary && e.verified);
        return { ...profile, email: primary?.email };
      },
    },
  });
}

/** next-auth hands `authorize` the request's headers as a plain object. */
function requestHeaders(req: { headers?: Record<string, unknown> } | undefined): Headers {
  return new Headers(Object.entries(req?.headers ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

let cached: AuthOptions | undefined;

export function getAuthOptions(): AuthOptions {
  if (cached) return cached;
  const env = getAuthEnv();
  // next-auth reads the origin from process.env; default it to APP_URL.
  process.env.NEXTAUTH_URL ??= env.url;

  cached = {
    secret: env.secret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const user = await authorizePassword(credentials?.email, credentials?.password, requestHeaders(req));
          return user && { id: user.id, email: user.email, name: user.name, role: user.role };
        },
      }),
      ...(env.github ? [githubProvider(env.github.clientId, env.github.clientSecret)] : []),
    ],
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider === "credentials") return true;
        // OAuth: link to (or create) the account with that verified email,
        // never onto an account that signs in with a password.
        if (!user.email) return false;
        if (await oauthMayUseEmail(user.email)) return true;
        await recordSignInAttempt({ email: user.email, outcome: "failed", method: "github" });
        return "/signin?error=PasswordAccountExists";
      },
      async jwt({ token, user, account }) {
        if (account?.provider === "credentials" && user) {
          token.sub = user.id;
          token.role = (user as { role?: Role }).role ?? "customer";
        } else if (account && user?.email) {
          const linked = await findOrCreateOAuthUser(user.email, user.name ?? null);
          await recordSignInAttempt({ email: linked.email, outcome: "succeeded", method: "github", userId: linked.id });
          token.sub = linked.id;
          token.email = linked.email;
          token.role = linked.role;
        }
        return token;
      },
      async session({ session, token }) {
        if (token.sub) session.user = { id: token.sub, email: token.email ?? "", name: token.name ?? null, role: token.role ?? "customer" };
        return session;
      },
    },
  };
  return cached;
}
