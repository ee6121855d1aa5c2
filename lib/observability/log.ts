// The one logger of the server. One JSON object per line in production (and
// whenever LOG_FORMAT=json): { time, level, msg, requestId?, ...fields }, for a
// log collector to index; readable text in development (LOG_FORMAT=text forces
// it). LOG_LEVEL (debug|info|warn|error; default info, warn under tests) drops quieter lines.
//
//   log.info("refund created", { refundId, stripeRequestId });
//   log.error("webhook handler failed", { eventType, error });
//
// Never pass secrets, card data, request bodies or webhook payloads as fields:
// keys that name a secret are redacted as a last line of defence, not as a licence.
import { currentRequestId } from "@/lib/observability/request-context";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;
/** One finished line and its level (stderr for warn/error, stdout otherwise). */
export type LogSink = (line: string, level: LogLevel) => void;

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEY = /secret|password|passwd|token|authorization|cookie|api_?key|cvc|card_?number|client_?secret/i;
const MAX_DEPTH = 4;

const defaultSink: LogSink = (line, level) => {
  if (level === "warn" || level === "error") process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
};

let sink: LogSink = defaultSink;

/** Tests capture lines; undefined restores stdout/stderr. */
export function setLogSink(next: LogSink | undefined): void {
  sink = next ?? defaultSink;
}

function jsonFormat(): boolean {
  const format = process.env.LOG_FORMAT?.toLowerCase();
  if (format === "json") return true;
  if (format === "text") return false;
  return process.env.NODE_ENV === "production";
}

function minimumLevel(): number {
  const level = process.env.LOG_LEVEL?.toLowerCase() as LogLevel | undefined;
  // Test runs print only what needs attention unless asked.
  return LEVELS[level && level in LEVELS ? level : process.env.NODE_ENV === "test" ? "warn" : "info"];
}

/** An Error as the fields worth keeping (Stripe's request id and code included), never its raw request or response. */
function describeError(error: Error): Record<string, unknown> {
  const described: Record<string, unknown> = { name: error.name, message: error.message };
  const extra = error as Error & { code?: unknown; type?: unknown; statusCode?: unknown; requestId?: unknown };
  for (const key of ["code", "type", "statusCode", "requestId"] as const) if (extra[key] !== undefined) described[key] = extra[key];
  if (error.stack) described.stack = error.stack;
  if (error.cause !== undefined) described.cause = error.cause instanceof Error ? describeError(error.cause) : String(error.cause);
  return described;
}

function clean(value: unknown, depth: number): unknown {
  if (value instanceof Error) return describeError(value);
  if (typeof value === "bigint") return value.toString();
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return value.toISOString();
  if (depth >= MAX_DEPTH) return "[…]";
  if (Array.isArray(value)) return value.map((item) => clean(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = SECRET_KEY.test(key) ? "[redacted]" : clean(item, depth + 1);
  return out;
}

function textLine(entry: Record<string, unknown>): string {
  const { time, level, msg, requestId, ...fields } = entry;
  const error = fields.error as { stack?: string; message?: string } | undefined;
  if (error) delete fields.error;
  const rest = Object.keys(fields).length ? ` ${JSON.stringify(fields)}` : "";
  const id = requestId ? ` [${String(requestId).slice(0, 8)}]` : "";
  const trace = error ? `\n  ${error.stack ?? error.message}` : "";
  return `${String(time).slice(11, 23)} ${String(level).toUpperCase().padEnd(5)}${id} ${String(msg)}${rest}${trace}`;
}

function write(level: LogLevel, msg: string, fields: LogFields = {}): void {
  if (LEVELS[level] < minimumLevel()) return;
  const requestId = currentRequestId();
  const entry = { time: new Date().toISOString(), level, msg, ...(requestId && { requestId }), ...(clean(fields, 0) as LogFields) };
  let line: string;
  try {
    line = jsonFormat() ? JSON.stringify(entry) : textLine(entry);
  } catch {
    // A field that cannot be serialised (a cycle) must not lose the line.
    line = JSON.stringify({ time: entry.time, level, msg, ...(requestId && { requestId }), logError: "fields not serialisable" });
  }
  sink(line, level);
}

export const log = {
  debug: (msg: string, fields?: LogFields) => write("debug", msg, fields),
  info: (msg: string, fields?: LogFields) => write("info", msg, fields),
  warn: (msg: string, fields?: LogFields) => write("warn", msg, fields),
  error: (msg: string, fields?: LogFields) => write("error", msg, fields),
};
