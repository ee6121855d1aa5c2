import type http from "node:http";
import type { Emulator } from "../emulator.ts";

export function serveInvoicePage(emu: Emulator, res: http.ServerResponse, pathname: string): void {
  void emu;
  res.writeHead(404, { "Content-Type": "text/plain" }).end(`No invoice page at ${pathname}`);
}
