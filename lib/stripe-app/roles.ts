// Who may change Payport's catalog from the Stripe Dashboard. Plan features
// are what customers are promised on /pricing, so only the Dashboard roles
// that may already change products in Stripe edit them: Super Administrator,
// Administrator and Developer. Every other role (analysts, support, view-only,
// custom roles) sees the features read-only. The rule is enforced here, on
// the roles the signed request carries (stripe_roles); a request without them
// cannot edit. The extension hides the editor when the view says canEdit: false.
export const CATALOG_EDITOR_ROLES: readonly string[] = ["super_admin", "admin", "developer"];

/** Why these roles may not edit the catalog, or null when they may. */
export function catalogEditRefusal(roles: string[] | null): string | null {
  if (roles === null) return "Editing plan features needs your Dashboard roles, and this request did not carry them (stripe_roles); reload the app in the Dashboard.";
  if (roles.some((role) => CATALOG_EDITOR_ROLES.includes(role))) return null;
  return `Only Dashboard users with the ${CATALOG_EDITOR_ROLES.join(", ")} role may edit plan features; your roles: ${roles.join(", ") || "none"}.`;
}
