// CORS for the Stripe App backend only. UI extensions run in a sandboxed
// iframe whose origin is "null", so the only origin that can be allowed is *;
// no cookies are involved (the Stripe-Signature header authenticates). Every
// other Payport route stays same-origin: never import this elsewhere.
export const STRIPE_APP_CORS_HEADERS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "POST, OPTIONS",
  "Access-Control-Allow-Headers": "Stripe-Signature, Content-Type",
  "Access-Control-Max-Age": "600",
};

export function withStripeAppCors(response: Response): Response {
  for (const [name, value] of Object.entries(STRIPE_APP_CORS_HEADERS)) response.headers.set(name, value);
  return response;
}

/** The answer to the browser's preflight (OPTIONS) before each POST. */
export function stripeAppPreflight(): Response {
  return new Response(null, { status: 204, headers: STRIPE_APP_CORS_HEADERS });
}

/** The OPTIONS export of every /api/stripe-app route. */
export const stripeAppOptions = async (): Promise<Response> => stripeAppPreflight();
