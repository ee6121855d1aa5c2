// Next.js calls register() once when the server boots: validate configuration
// there so a bad key or a missing webhook secret stops start-up with a clear
// message instead of failing on the first payment.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getAuthEnv, getEnv } = await import("./lib/env");
  getEnv();
  getAuthEnv();
  const { parseRateLimitEnv } = await import("./lib/http/rate-limits");
  parseRateLimitEnv(process.env);
}
