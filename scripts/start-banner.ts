// The last lines `npm run dev` / `npm start` print once the app answers: where
// to click, how to sign in, which cards to pay with, where the mail goes.
//   npx tsx scripts/start-banner.ts
import { LOCAL_ADMIN } from "@/lib/auth/users";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { isLocalOutbox } from "@/lib/mail/config";

const env = getEnv();
const url = env.appUrl;
const lines = [`Payport is ready: ${url}`];
try {
  const admin = env.mode === "local" ? await getDb().user.findUnique({ where: { email: LOCAL_ADMIN.email }, select: { role: true } }) : null;
  if (admin?.role === "admin") lines.push(`  Admin:      ${url}/admin  (sign in as ${LOCAL_ADMIN.email} / ${LOCAL_ADMIN.password})`);
} finally {
  await getDb().$disconnect();
}
if (env.mode === "local") {
  lines.push("  Test cards: 4242 4242 4242 4242 pays · 4000 0000 0000 0002 is declined · 4000 0027 6000 3184 asks for 3-D Secure");
  lines.push("              (any future expiry date, any CVC)");
} else {
  lines.push(`  Stripe ${env.mode} mode: forward webhooks with \`stripe listen --forward-to ${url}/api/webhooks/stripe\``);
}
if (isLocalOutbox()) lines.push(`  Mail:       ${url}/dev/mail  (receipts and notices stay here until SMTP_URL is set)`);
console.log(`\n${lines.join("\n")}\n`);
