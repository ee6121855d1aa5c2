// Limits that pages and client components show as well as the request schemas
// enforce. A plain module, so the browser bundle gets the numbers without zod.

/** Seats one subscription can have when subscribing. */
export const MAX_SEATS = 100;
