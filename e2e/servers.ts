// Where the e2e servers listen. Overridable so two runs (or a dev server) can
// share a machine: E2E_APP_PORT, E2E_EMULATOR_PORT.
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 3199);
export const E2E_EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT ?? 12199);
export const APP_URL = `http://127.0.0.1:${E2E_APP_PORT}`;
export const EMULATOR_URL = `http://127.0.0.1:${E2E_EMULATOR_PORT}`;
