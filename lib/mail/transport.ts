// The one nodemailer transport: SMTP from SMTP_URL, or, in development with
// none configured, nodemailer's JSON transport (the message is built and
// checked as for SMTP, then kept only in our outbox for /dev/mail). A
// production build without SMTP has none: messages wait in the outbox.
import nodemailer, { type Transporter } from "nodemailer";
import { isLocalOutbox, mailSettings } from "@/lib/mail/config";

export type MailMessage = { to: string; subject: string; text: string; html: string; messageId: string };
export type MailTransport = { send(message: MailMessage): Promise<void>; kind: "smtp" | "outbox" };

let cached: { key: string; transport: MailTransport } | null = null;
let override: MailTransport | null = null;

/** Tests swap in their own transport (null restores the configured one). */
export function setMailTransport(next: MailTransport | null): void {
  override = next;
}

export function mailTransport(): MailTransport | null {
  if (override) return override;
  const settings = mailSettings();
  if (!settings.smtpUrl && !isLocalOutbox()) return null;
  const key = `${settings.smtpUrl ?? ""}|${settings.from}`;
  if (cached?.key === key) return cached.transport;
  const transporter: Transporter = settings.smtpUrl
    ? nodemailer.createTransport(settings.smtpUrl)
    : nodemailer.createTransport({ jsonTransport: true });
  const transport: MailTransport = {
    kind: settings.smtpUrl ? "smtp" : "outbox",
    async send(message) {
      await transporter.sendMail({ from: settings.from, ...message });
    },
  };
  cached = { key, transport };
  return transport;
}
