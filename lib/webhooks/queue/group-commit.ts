// Group commit: requests that arrive together share one write. A batch goes
// out on the next turn of the event loop (everything parsed in the same I/O
// phase comes along) or, when every write slot is busy, as soon as one frees:
// under load batches grow by themselves, without a timer adding latency.
// Each caller gets its own item's result once the batch committed, or the
// batch's error (then none of its items was acknowledged).
export type GroupCommitOptions<T, R> = {
  /** Writes a batch; returns one result per item, in order. */
  flush: (items: T[]) => Promise<R[]>;
  /** Largest batch. */
  maxItems?: number;
  /** How long the first item of a batch waits for company (0: until the next turn of the event loop). */
  maxWaitMs?: number;
  /** Batches written at the same time (1 = strictly one after another). */
  maxConcurrent?: number;
};

type Pending<T, R> = { item: T; resolve: (result: R) => void; reject: (error: unknown) => void };

export function createGroupCommit<T, R>({ flush, maxItems = 100, maxWaitMs = 0, maxConcurrent = 4 }: GroupCommitOptions<T, R>) {
  let pending: Pending<T, R>[] = [];
  let timer: { cancel: () => void } | null = null;
  let inFlight = 0;

  function schedule() {
    if (pending.length === 0 || inFlight >= maxConcurrent) return;
    if (pending.length >= maxItems) {
      timer?.cancel();
      timer = null;
      void write();
    } else if (!timer) {
      const fire = () => {
        timer = null;
        void write();
      };
      if (maxWaitMs > 0) {
        const t = setTimeout(fire, maxWaitMs);
        timer = { cancel: () => clearTimeout(t) };
      } else {
        const t = setImmediate(fire);
        timer = { cancel: () => clearImmediate(t) };
      }
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
