// Billing parts of the control API: `GET/POST /_emulator/billing/settings` (dunning schedule and
// final actions, see settings.ts).
import type http from "node:http";
import type { Emulator } from "../emulator.ts";
import { billingSettings, updateBillingSettings } from "./settings.ts";

export function handleBillingControl(emu: Emulator, res: http.ServerResponse, method: string, parts: string[], input: Record<string, unknown>): boolean {
  if (parts[0] !== "billing" || parts[1] !== "settings") return false;
  const body = method === "POST" ? updateBillingSettings(emu, input) : billingSettings(emu);
  const text = JSON.stringify(body);
  res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
  return true;
}
