// Where mail goes: real SMTP when SMTP_URL is set, else the local outbox a
// developer reads at /dev/mail (never in a production build).
import { z } from "zod";
import { EnvError } from "@/lib/env";

export const DEFAULT_MAIL_FROM = "Payport <receipts@payport.localhost>";

const smtpUrl = z
  .url({ protocol: /^smtps?$/, error: "SMTP_URL must be an smtp:// or smtps:// URL such as smtps://user:pass@smtp.example.com:465" })
  .optional();

export type MailSettings = {
  /** null: keep messages in the local outbox (nothing leaves the machine). */
  smtpUrl: string | null;
  from: string;
};

export function parseMailEnv(env: Record<string, string | undefined>): MailSettings {
  const raw = env.SMTP_URL?.trim() || undefined;
  const parsed = smtpUrl.safeParse(raw);
  if (!parsed.success) throw new EnvError([parsed.error.issues[0]?.message ?? "SMTP_URL is not a valid URL"]);
  return { smtpUrl: parsed.data ?? null, from: env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM };
}

export function mailSettings(): MailSettings {
  return parseMailEnv(process.env);
}

/** The browsable outbox exists only in development with no SMTP configured. */
export function isLocalOutbox(env: Record<string, string | undefined> = process.env): boolean {
  return env.NODE_ENV !== "production" && !env.SMTP_URL?.trim();
}
