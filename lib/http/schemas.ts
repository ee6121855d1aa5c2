// Request fields shared by many routes.
import { z } from "zod";

/** A fresh id per user action (the browser makes one when a dialog opens); a retry of that action reuses it. */
export const requestIdSchema = z
  .string({ error: "Send a requestId (any unique string per action, e.g. a UUID)." })
  .trim()
  .regex(/^[A-Za-z0-9_-]{8,100}$/, "requestId must be 8–100 letters, digits, '-' or '_'.");

/** A body that only names the user action, for retries of the same action. */
export const requestOnlySchema = z.object({ requestId: requestIdSchema });
