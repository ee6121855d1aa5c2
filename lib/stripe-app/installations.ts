// AppInstallation rows from account.application.* events. Events may arrive
// in any order or twice: each one only raises its own timestamp, and the
// status is whichever of the two timestamps is later, so replays and
// out-of-order deliveries end in the same row. An account installs the app in
// live and in test mode separately: one row per account and mode, so removing
// the test install leaves the live one as it is.
import { getDb, type Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";

export type InstallationChange = {
  accountId: string;
  /** The event's livemode: which of the account's two installs changed. */
  livemode: boolean;
  applicationId: string | null;
  kind: "authorized" | "deauthorized";
  /** The event's `created`: when Stripe recorded the change. */
  at: Date;
};

const later = (a: Date | null, b: Date) => (a && a > b ? a : b);

export async function recordAppInstallation(change: InstallationChange, db: Db = getDb()): Promise<void> {
  const existing = await db.appInstallation.findUnique({ where: { accountId_livemode: { accountId: change.accountId, livemode: change.livemode } } });
  const authorizedAt = change.kind === "authorized" ? later(existing?.authorizedAt ?? null, change.at) : (existing?.authorizedAt ?? null);
  const deauthorizedAt = change.kind === "deauthorized" ? later(existing?.deauthorizedAt ?? null, change.at) : (existing?.deauthorizedAt ?? null);
  // Same second: the event in hand wins (a reinstall right after an uninstall, or the reverse).
  let status: string;
  if (!authorizedAt) status = "deauthorized";
  else if (!deauthorizedAt) status = "authorized";
  else if (authorizedAt.getTime() === deauthorizedAt.getTime()) status = change.kind;
  else status = deauthorizedAt > authorizedAt ? "deauthorized" : "authorized";

  const data = { applicationId: change.applicationId ?? existing?.applicationId ?? null, status, authorizedAt, deauthorizedAt };
  if (existing) {
    await db.appInstallation.update({ where: { id: existing.id }, data });
    return;
  }
  try {
    await db.appInstallation.create({ data: { accountId: change.accountId, livemode: change.livemode, ...data } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return recordAppInstallation(change, db); // a concurrent delivery created the row
  }
}
