// The conformance violations of the objects and events this branch adds or changes (deleted
// customers, balance, balance transactions, tax ids, Checkout and Billing Portal sessions and
// configurations). Other objects' shapes are worked on separately; their violations are not
// what these tests guard.
import type { Violation } from "../conformance/validate.ts";

const OBJECTS = new Set(["customer", "customer:deleted", "tax_id:deleted", "balance", "balance_transaction", "tax_id", "checkout.session", "item", "billing_portal.session", "billing_portal.configuration", "list", "search_result", "error"]);
const EVENT_PREFIXES = ["event customer.created", "event customer.updated", "event customer.deleted", "event customer.tax_id.", "event checkout.session.", "event billing_portal."];

export function ownViolations(violations: Violation[]): Violation[] {
  return violations.filter((v) => OBJECTS.has(v.object) || EVENT_PREFIXES.some((p) => v.object.startsWith(p)));
}
