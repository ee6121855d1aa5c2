// Our session and JWT carry the user id and role (set in lib/auth/options.ts).
import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string | null; role: "customer" | "admin" } & Omit<DefaultSession["user"], "email" | "name">;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: "customer" | "admin";
  }
}
