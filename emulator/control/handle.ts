// Control API under /_emulator/ (ARCHITECTURE.md): JSON in, JSON out. Never part of /v1.
import type http from "node:http";
import type { Emulator, Fault } from "../core/emulator.ts";
import { ApiError } from "../core/errors.ts";
import { requestId as newRequestId } from "../core/ids.ts";
import type { StoredEvent } from "../core/stored-event.ts";
import { handleBillingControl } from "../billing/control.ts";
import { decodeForm } from "../core/form.ts";
import { setDisputeStatus, triggerDispute } from "./disputes.ts";
import { fail, json, parseJson } from "../core/responses.ts";
import { createRestrictedKey, revokeRestrictedKey } from "./restricted-keys.ts";
import type { RestrictedKey } from "../core/permissions.ts";
import { completeHostedChallenge, hostedChallenge, setupThreeDSecure, threeDSecure } from "./three-d-secure.ts";

/** What the control API needs from the HTTP server (kept apart so the server can import us). */
export interface ControlServer {
  resetIdempotency(): void;
  closeHung(): void;
  sendError(res: http.ServerResponse, requestId: string, error: ApiError): void;
}

const FAULT_MODES = ["500", "429", "hang", "delay", "drop_after"];

export function handleControl(
  emu: Emulator,
  server: ControlServer,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  pathname: string,
  query: string,
  body: string,
): void {
  const method = req.method ?? "GET";
  const parts = pathname.split("/").filter(Boolean).slice(1); // drop "_emulator"
  let input: Record<string, unknown> = {};
  try {
    const type = req.headers["content-type"] ?? "";
    input = type.includes("application/x-www-form-urlencoded") ? (decodeForm(body) as Record<string, unknown>) : parseJson(body);
  } catch (err) {
    return fail(res, 400, `Invalid JSON body: ${(err as Error).message}`);
  }
  try {
    const route = `${method} ${parts[0] ?? ""}`;
    switch (route) {
      case "GET health":
        return json(res, 200, { ok: true });
      case "POST reset":
        emu.reset();
        server.resetIdempotency();
        server.closeHung();
        return json(res, 200, { ok: true });
      case "GET chaos":
        return json(res, 200, emu.chaos);
      case "POST chaos": {
        const next = { ...emu.chaos };
        if (input.duplicate_rate !== undefined) next.duplicate_rate = Math.min(1, Math.max(0, Number(input.duplicate_rate)));
        if (input.shuffle !== undefined) next.shuffle = Boolean(input.shuffle);
        if (input.delivery_delay_ms !== undefined) next.delivery_delay_ms = Math.max(0, Number(input.delivery_delay_ms));
        if (input.drop_types !== undefined) next.drop_types = (input.drop_types as string[]) ?? [];
        emu.chaos = next;
        return json(res, 200, emu.chaos);
      }
      case "GET faults":
        return json(res, 200, { data: emu.faults });
      case "DELETE faults":
        emu.faults = [];
        return json(res, 200, { data: [] });
      case "POST faults": {
        const mode = String(input.mode ?? "500");
        if (!FAULT_MODES.includes(mode)) return fail(res, 400, `mode must be one of ${FAULT_MODES.join(", ")}`);
        if (typeof input.path !== "string" || !input.path) return fail(res, 400, "path is required");
        const fault: Fault = {
          path: input.path,
          method: typeof input.method === "string" ? input.method.toUpperCase() : undefined,
          count: Number(input.count ?? 1),
          mode: mode as Fault["mode"],
          delay_ms: input.delay_ms === undefined ? undefined : Number(input.delay_ms),
        };
        emu.faults.push(fault);
        return json(res, 200, fault);
      }
      case "GET requests":
        return json(res, 200, { data: emu.requestLog });
      case "POST disputes":
        if (parts.length === 1) return triggerDispute(emu, res, input);
        if (parts.length === 3 && parts[2] === "status") return setDisputeStatus(emu, res, parts[1], input);
        break;
      case "POST payment_intents":
        if (parts[2] === "three_d_secure") return threeDSecure(emu, req, res, parts[1], input);
        break;
      case "POST setup_intents":
        if (parts[2] === "three_d_secure") return setupThreeDSecure(emu, req, res, parts[1], input);
        break;
      case "GET 3ds":
        return hostedChallenge(emu, res, parts[1], new URLSearchParams(query).get("return_url"));
      case "POST 3ds":
        if (parts[2] === "complete") return completeHostedChallenge(emu, res, parts[1], input, new URLSearchParams(query));
        break;
      case "POST restricted_keys":
        if (parts.length === 1) return createRestrictedKey(emu, res, input);
        break;
      case "GET restricted_keys":
        if (parts.length === 1) return json(res, 200, { object: "list", data: emu.store.all<RestrictedKey>("restricted_keys") });
        break;
      case "DELETE restricted_keys":
        if (parts.length === 2) return revokeRestrictedKey(emu, res, parts[1]);
        break;
      case "POST webhooks":
        if (parts[1] === "redeliver") {
          const event = emu.store.get<StoredEvent>("events", String(input.event ?? ""));
          if (!event) return fail(res, 404, `No such event: '${String(input.event)}'`);
          emu.redeliver(event);
          return json(res, 200, { ok: true, event: event.id });
        }
        break;
    }
    if (handleBillingControl(emu, res, method, parts, input)) return;
    fail(res, 404, `Unknown control endpoint: ${method} ${pathname}`);
  } catch (err) {
    if (err instanceof ApiError) return server.sendError(res, newRequestId(), err);
    fail(res, 500, (err as Error).message);
  }
}
