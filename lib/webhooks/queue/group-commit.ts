// Group commit: requests that arrive within a couple of milliseconds share one
// write. Each caller gets its own item's result once the batch committed, or
// the batch's error (then none of its items was acknowledged).
export type GroupCommitOptions<T, R> = {
  /** Writes a batch; returns one result per item, in order. */
  flush: (items: T[]) => Promise<R[]>;
  /** Largest batch. */
  maxItems?: number;
  /** How long the first item of a batch waits for company. */
  maxWaitMs?: number;
  /** Batches written at the same time (1 = strictly one after another). */
  maxConcurrent?: number;
};

type Pending<T, R> = { item: T; resolve: (result: R) => void; reject: (error: unknown) => void };

export function createGroupCommit<T, R>({ flush, maxItems = 100, maxWaitMs = 2, maxConcurrent = 4 }: GroupCommitOptions<T, R>) {
  let pending: Pending<T, R>[] = [];
  let timer: NodeJS.Timeout | null = null;
  let inFlight = 0;

  function schedule() {
    if (pending.length === 0 || inFlight >= maxConcurrent) return;
    if (pending.length >= maxItems) {
      if (timer) clearTimeout(timer);
      timer = null;
      void write();
    } else {
      timer ??= setTimeout(() => {
        timer = null;
        void write();
      }, maxWaitMs);
    }
  }

  async function write() {
    if (inFlight >= maxConcurrent || pending.length === 0) return;
    const batch = pending.slice(0, maxItems);
    pending = pending.slice(maxItems);
    inFlight++;
    try {
      const results = await flush(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(results[i]));
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      inFlight--;
      schedule();
    }
  }

  return {
    add(item: T): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        pending.push({ item, resolve, reject });
        schedule();
      });
    },
  };
}
