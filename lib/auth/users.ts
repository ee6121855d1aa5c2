// Accounts: sign-up, password sign-in, OAuth linking and admin promotion.
// Emails are stored trimmed and lower-cased, so one address is one account
// whatever its capitalisation.
import { z } from "zod";
import { getDb, type Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { HttpError, parseInput } from "@/lib/errors";
import { getEnv } from "@/lib/env";
import { burnPasswordCheck, hashPassword, verifyPassword } from "@/lib/auth/password";
import type { User } from "@/lib/generated/sqlite/client";

export type Role = "customer" | "admin";
export const MIN_PASSWORD_LENGTH = 10;
// scrypt hashes whatever it is given; cap the input so a huge body costs nothing.
const MAX_PASSWORD_LENGTH = 200;

/** The account as the app passes it around: never the password hash. */
export type AccountUser = { id: string; email: string; name: string | null; role: Role; stripeCustomerId: string | null; createdAt: Date };

export function toAccountUser(user: User): AccountUser {
  const role: Role = user.role === "admin" ? "admin" : "customer";
  return { id: user.id, email: user.email, name: user.name, role, stripeCustomerId: user.stripeCustomerId, createdAt: user.createdAt };
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address, e.g. ada@example.com." }).max(254, "That email address is too long."));

const passwordSchema = z
  .string({ error: "Choose a password." })
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters for your password.`)
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters for your password.`);

export const signUpSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.string({ error: "name must be text." }).trim().max(100, "Keep your name under 100 characters.").optional(),
  ),
});

export const DUPLICATE_EMAIL_MESSAGE = "That email is already registered — sign in instead.";

/**
 * POST /api/auth/signup. Telling a visitor that an email is taken is a
 * deliberate, documented choice (they need to know to sign in instead); sign-in
 * itself never says whether an email exists.
 */
export async function signUp({ email, password, name }: z.output<typeof signUpSchema>, db: Db = getDb()): Promise<AccountUser> {
  if (await db.user.findUnique({ where: { email } })) throw new HttpError(409, DUPLICATE_EMAIL_MESSAGE, "email");
  const passwordHash = await hashPassword(password);
  try {
    return toAccountUser(await db.user.create({ data: { email, name: name ?? null, passwordHash } }));
  } catch (error) {
    // Two sign-ups for the same email at once: the unique index decides.
    if (isUniqueViolation(error)) throw new HttpError(409, DUPLICATE_EMAIL_MESSAGE, "email");
    throw error;
  }
}

/**
 * Email + password sign-in: the user, or null for an unknown email, a wrong
 * password or an OAuth-only account. With real Stripe keys the local admin's
 * published password never opens an account, even if that row was carried over.
 */
export async function authenticateWithPassword(email: unknown, password: unknown, db: Db = getDb()): Promise<AccountUser | null> {
  if (typeof email !== "string" || typeof password !== "string" || password.length > MAX_PASSWORD_LENGTH) return null;
  if (getEnv().mode !== "local" && normalizeEmail(email) === LOCAL_ADMIN.email && password === LOCAL_ADMIN.password) return null;
  const user = await db.user.findUnique({ where: { email: normalizeEmail(email) } });
  if (!user?.passwordHash) {
    await burnPasswordCheck(password);
    return null;
  }
  return (await verifyPassword(password, user.passwordHash)) ? toAccountUser(user) : null;
}

/**
 * Whether an OAuth sign-in may use this email's account. Password sign-ups are
 * not email-verified, so linking a provider onto one would let whoever
 * registered the address first share the account (pre-takeover): refuse it.
 */
export async function oauthMayUseEmail(email: string, db: Db = getDb()): Promise<boolean> {
  const existing = await db.user.findUnique({ where: { email: normalizeEmail(email) }, select: { passwordHash: true } });
  return !existing?.passwordHash;
}

/** An OAuth sign-in with a provider-verified email: that email's account, created on first use. */
export async function findOrCreateOAuthUser(email: string, name: string | null, db: Db = getDb()): Promise<AccountUser> {
  const normalized = normalizeEmail(email);
  const existing = await db.user.findUnique({ where: { email: normalized } });
  if (existing) return toAccountUser(existing);
  try {
    return toAccountUser(await db.user.create({ data: { email: normalized, name } }));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return toAccountUser(await db.user.findUniqueOrThrow({ where: { email: normalized } }));
  }
}

export async function findAccountUser(userId: string, db: Db = getDb()): Promise<AccountUser | null> {
  const user = await db.user.findUnique({ where: { id: userId } });
  return user ? toAccountUser(user) : null;
}

/**
 * `npm run admin:create -- <email> [password]`: creates an admin, or promotes
 * an existing account (replacing its password when one is given).
 */
export async function createOrPromoteAdmin(
  emailInput: string,
  password: string | undefined,
  db: Db = getDb(),
): Promise<{ user: AccountUser; created: boolean }> {
  const { email } = parseInput(z.object({ email: emailSchema, password: passwordSchema.optional() }), { email: emailInput, password });
  const existing = await db.user.findUnique({ where: { email } });
  const passwordHash = password === undefined ? undefined : await hashPassword(password);
  if (existing) {
    const user = await db.user.update({ where: { id: existing.id }, data: { role: "admin", ...(passwordHash && { passwordHash }) } });
    return { user: toAccountUser(user), created: false };
  }
  if (!passwordHash) throw new HttpError(400, `No account uses ${email} yet: give a password to create it.`, "password");
  const user = await db.user.create({ data: { email, passwordHash, role: "admin" } });
  return { user: toAccountUser(user), created: true };
}

/** Local mode only (no Stripe keys): the documented admin account, created once and never overwritten. */
export const LOCAL_ADMIN = { email: "admin@payport.local", password: "payport-admin" } as const;

export async function seedLocalAdmin(db: Db = getDb()): Promise<boolean> {
  if (await db.user.findUnique({ where: { email: LOCAL_ADMIN.email } })) return false;
  try {
    await db.user.create({ data: { email: LOCAL_ADMIN.email, name: "Local admin", role: "admin", passwordHash: await hashPassword(LOCAL_ADMIN.password) } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
