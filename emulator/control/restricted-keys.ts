// Restricted keys through the control API (Stripe: Dashboard → API keys → Create restricted key):
//   POST   /_emulator/restricted_keys {permissions: {payment_intent: "write", product: "read", …}, name?}
//          → the key object; its `id` (rk_test_emulator_…) is the API key
//   GET    /_emulator/restricted_keys → {object: "list", data: [keys]}
//   DELETE /_emulator/restricted_keys/{key} → {id, deleted: true}; the key is refused (401) from then on
import type http from "node:http";
import type { Emulator } from "../core/emulator.ts";
import { mintRestrictedKey, parsePermissions, type RestrictedKey } from "../core/permissions.ts";
import { fail, json } from "../core/responses.ts";

export function createRestrictedKey(emu: Emulator, res: http.ServerResponse, input: Record<string, unknown>): void {
  const permissions = parsePermissions(input.permissions ?? {});
  if (typeof permissions === "string") return fail(res, 400, permissions);
  if (input.name !== undefined && typeof input.name !== "string") return fail(res, 400, "name must be a string.");
  const key = mintRestrictedKey(emu.store, permissions, (input.name as string | undefined) ?? null);
  emu.apiKeys.add(key.id);
  json(res, 200, key);
}

export function revokeRestrictedKey(emu: Emulator, res: http.ServerResponse, id: string): void {
  if (!emu.store.get<RestrictedKey>("restricted_keys", id)) return fail(res, 404, `No such restricted key: '${id}'`);
  emu.store.remove("restricted_keys", id);
  emu.apiKeys.delete(id);
  json(res, 200, { id, object: "restricted_key", deleted: true });
}
