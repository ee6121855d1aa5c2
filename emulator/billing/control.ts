import type http from "node:http";
import type { Emulator } from "../emulator.ts";

export function handleBillingControl(emu: Emulator, res: http.ServerResponse, method: string, parts: string[], input: Record<string, unknown>): boolean {
  void emu; void res; void method; void parts; void input;
  return false;
}
