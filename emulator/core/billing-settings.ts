// Billing automation settings (BEHAVIOR §6.9, §7). Stripe keeps these in the Dashboard (Revenue
// recovery); the emulator takes them from `startEmulator({ billing })`, env, or
// `POST /_emulator/billing/settings`.

export interface BillingSettings {
  /** Days between a failed automatic attempt and the next retry; its length is the number of retries. */
  retry_days: number[];
  /** What happens to the subscription once the last retry fails. */
  final_action: "cancel" | "unpaid" | "past_due";
  /** What happens to the invoice once the last retry fails. */
  invoice_final_action: "open" | "uncollectible";
  /** Delay between a renewal invoice's creation and its finalization + first attempt. */
  finalize_delay_seconds: number;
  /** An incomplete subscription expires this long after creation. */
  incomplete_expiry_seconds: number;
  /** `customer.subscription.trial_will_end` this long before the trial ends. */
  trial_will_end_seconds: number;
}

export const DEFAULT_BILLING_SETTINGS: BillingSettings = {
  retry_days: [3, 5, 7],
  final_action: "cancel",
  invoice_final_action: "open",
  finalize_delay_seconds: 3600,
  incomplete_expiry_seconds: 23 * 3600,
  trial_will_end_seconds: 3 * 86400,
};

/** The emulator, as far as its billing settings go (structural, so this module imports nothing). */
interface SettingsOwner {
  readonly options: { billing?: Partial<BillingSettings> };
}

const current = new WeakMap<SettingsOwner, BillingSettings>();

function fromEnv(): Partial<BillingSettings> {
  const out: Partial<BillingSettings> = {};
  const days = process.env.STRIPE_EMULATOR_RETRY_DAYS;
  if (days) out.retry_days = days.split(",").map(Number).filter((n) => Number.isFinite(n) && n > 0);
  const action = process.env.STRIPE_EMULATOR_DUNNING_FINAL_ACTION;
  if (action === "cancel" || action === "unpaid" || action === "past_due") out.final_action = action;
  return out;
}

export function billingSettings(emu: SettingsOwner): BillingSettings {
  let s = current.get(emu);
  if (!s) {
    s = { ...DEFAULT_BILLING_SETTINGS, ...fromEnv(), ...(emu.options.billing ?? {}) };
    current.set(emu, s);
  }
  return s;
}

export function updateBillingSettings(emu: SettingsOwner, input: Record<string, unknown>): BillingSettings {
  const s = billingSettings(emu);
  if (Array.isArray(input.retry_days)) s.retry_days = input.retry_days.map(Number).filter((n) => Number.isFinite(n) && n > 0);
  if (input.final_action === "cancel" || input.final_action === "unpaid" || input.final_action === "past_due") s.final_action = input.final_action;
  if (input.invoice_final_action === "open" || input.invoice_final_action === "uncollectible") s.invoice_final_action = input.invoice_final_action;
  for (const k of ["finalize_delay_seconds", "incomplete_expiry_seconds", "trial_will_end_seconds"] as const)
    if (input[k] !== undefined && Number.isFinite(Number(input[k]))) s[k] = Number(input[k]);
  return s;
}

export function resetBillingSettings(emu: SettingsOwner): void {
  current.delete(emu);
}
