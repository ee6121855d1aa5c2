// Stripe-shaped API errors. Handlers throw ApiError; the server renders `{ error: body }` with `status`.
export interface StripeErrorBody {
  type: string;
  message?: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: unknown;
  payment_method?: unknown;
  advice_code?: string;
  request_log_url?: string;
  [key: string]: unknown;
}

export class ApiError extends Error {
  /** Validation failures are not stored for idempotent replay (BEHAVIOR §1.5). */
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
    readonly validation = false,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message ?? body.type);
  }
}

export function docUrl(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replace(/_/g, "-")}`;
}

export function invalidRequest(message: string, extra: Partial<StripeErrorBody> = {}, status = 400): ApiError {
  const body: StripeErrorBody = { type: "invalid_request_error", message, ...extra };
  if (body.code && !body.doc_url) body.doc_url = docUrl(body.code);
  return new ApiError(status, body);
}

export function validationError(message: string, param: string, code: string): ApiError {
  return new ApiError(400, { type: "invalid_request_error", code, doc_url: docUrl(code), message, param }, true);
}

export function unknownParameters(params: string[]): ApiError {
  const message =
    params.length === 1 ? `Received unknown parameter: ${params[0]}` : `Received unknown parameters: ${params.join(", ")}`;
  return validationError(message, params[0], "parameter_unknown");
}

export function missingParameter(param: string): ApiError {
  return validationError(`Missing required param: ${param}.`, param, "parameter_missing");
}

export function noSuch(kind: string, id: string, param = "id", status = 404): ApiError {
  return invalidRequest(`No such ${kind}: '${id}'`, { code: "resource_missing", param }, status);
}

export function unexpectedState(message: string): ApiError {
  return invalidRequest(message, { code: "payment_intent_unexpected_state" });
}
