import type { AuditActor } from "@/lib/audit/actions";
import type { StripeAppCaller } from "@/lib/stripe-app/authenticate";

/**
 * A Dashboard user in the audit trail. Payport knows no email for them: the
 * usr_… id stands in the email column (the Dashboard's team settings show it),
 * as it does as a support note's author; actorId stays for Payport's own users.
 */
export const dashboardActor = (caller: StripeAppCaller): AuditActor => ({ id: null, email: caller.userId });
