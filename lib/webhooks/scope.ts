// Is a signed event ours to apply? Decided by the workers before any handler
// runs (the ack path stays verify + insert: every signed event is stored and
// acknowledged, so Stripe stops resending it either way).
//   other_mode       livemode differs from our key's mode: a test event reaching a
//                    live deployment (a live Connect endpoint also receives test
//                    events), or the reverse. Applying it would mix test and live data
//                    (a test payment marking a live order paid).
//   foreign_account  it names (`account`) an account that is not ours
//                    (lib/stripe/accounts.ts isOurAccount).
// The Stripe App's install events are about the app itself, from whichever
// account installs it and in either mode; their handler keeps installs per
// account and mode, so they pass.
import Stripe from "stripe";
import { getEnv } from "@/lib/env";
import { isOurAccount } from "@/lib/stripe/accounts";

export type EventScope = "ours" | "other_mode" | "foreign_account";

const APP_INSTALL_EVENTS = new Set<string>(["account.application.authorized", "account.application.deauthorized"]);

/** The livemode of the events we apply: live keys → true; test keys and the local emulator → false. */
export const ourLivemode = (): boolean => getEnv().mode === "live";

export async function eventScope(event: Pick<Stripe.Event, "type" | "livemode" | "account">): Promise<EventScope> {
  if (APP_INSTALL_EVENTS.has(event.type)) return "ours";
  if (event.livemode !== ourLivemode()) return "other_mode";
  if (event.account && !(await isOurAccount(event.account))) return "foreign_account";
  return "ours";
}

/** The API version every event should be rendered with: the one the stripe SDK pins (lib/stripe/client.ts). */
export const PINNED_API_VERSION: string = Stripe.API_VERSION;

/** The event's api_version when it is not the pinned one (null: pinned, or Stripe sent none). */
export function otherApiVersionOf(event: Pick<Stripe.Event, "api_version">): string | null {
  const version = event.api_version;
  return typeof version === "string" && version !== PINNED_API_VERSION ? version.slice(0, 100) : null;
}
