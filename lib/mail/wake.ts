// The outbox's doorbell: code that writes a message rings it, and the mail
// worker of this process (if one runs here) delivers soon after. The ring is
// a little late on purpose, so a message written inside a transaction has
// committed by then; anything missed is found by the worker's poll.
let listener: (() => void) | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;

export const WAKE_DELAY_MS = 100;

export function onMailerWake(next: (() => void) | null): void {
  listener = next;
}

export function wakeMailer(): void {
  if (!listener || timer) return;
  timer = setTimeout(() => {
    timer = null;
    listener?.();
  }, WAKE_DELAY_MS);
  timer.unref?.();
}
