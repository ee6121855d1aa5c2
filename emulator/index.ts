// In-process entry point (ARCHITECTURE.md): `const emu = await startEmulator({ port: 0 })`.
import type { AddressInfo } from "node:net";
import { Emulator, type EmulatorOptions } from "./core/emulator.ts";
import { ApiServer } from "./server.ts";

export type { EmulatorOptions } from "./core/emulator.ts";
export { API_VERSION, DEFAULT_RETRY_SCHEDULE } from "./core/emulator.ts";
export { signPayload } from "./core/webhooks.ts";
export { COLLECTIONS } from "./core/store.ts";

export interface RunningEmulator {
  url: string;
  port: number;
  emulator: Emulator;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = new Emulator(options);
  const server = new ApiServer(emulator);
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.http.once("error", reject);
    server.http.listen(options.port ?? 12111, host, () => resolve());
  });
  const port = (server.http.address() as AddressInfo).port;
  emulator.baseUrl = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;
  return {
    url: `http://${host}:${port}`,
    port,
    emulator,
    close: async () => {
      emulator.close();
      server.closeHung();
      server.http.closeAllConnections();
      await new Promise<void>((resolve) => server.http.close(() => resolve()));
    },
  };
}
