// Where the multi-instance run listens: two app instances (standalone servers) (A gets the
// webhooks, B the shopper), the emulator and the throwaway-database keeper.
// Distinct from e2e/servers.ts so both runs can share a machine; overridable.
export const MULTI_APP_A_PORT = Number(process.env.MULTI_APP_A_PORT ?? 3297);
export const MULTI_APP_B_PORT = Number(process.env.MULTI_APP_B_PORT ?? 3298);
export const MULTI_DATABASE_PORT = Number(process.env.MULTI_DATABASE_PORT ?? 3296);
export const MULTI_EMULATOR_PORT = Number(process.env.MULTI_EMULATOR_PORT ?? 12297);
export const APP_A_URL = `http://127.0.0.1:${MULTI_APP_A_PORT}`;
export const APP_B_URL = `http://127.0.0.1:${MULTI_APP_B_PORT}`;
export const EMULATOR_URL = `http://127.0.0.1:${MULTI_EMULATOR_PORT}`;
