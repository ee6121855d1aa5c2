// The words of an API refusal, shared by the route guards and proxy.ts so a
// client sees the same body whichever layer refused it.
export const SIGN_IN_REQUIRED = "Sign in to continue.";
export const ADMIN_ONLY = "You don't have access to this.";
