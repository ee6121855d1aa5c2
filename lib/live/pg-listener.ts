// The one PostgreSQL connection per bus that LISTENs. pg's pool cannot hold a
// LISTEN (a pooled session is handed to other queries), so this is a
// dedicated Client. It connects when asked, reconnects with capped
// exponential backoff while it is wanted, and reports every successful LISTEN
// so the bus can tell subscribers to re-read what they may have missed.
import pg from "pg";
import { log } from "@/lib/observability/log";

export type Backoff = { initialMs: number; maxMs: number };

export type PgChannelListenerOptions = {
  url: string;
  channel: string;
  /** Shows up in pg_stat_activity, which is how operators (and tests) find this connection. */
  applicationName: string;
  backoff: Backoff;
  onNotify: (payload: string) => void;
  onListening: () => void;
  /** Whether anyone still needs the connection when it drops (if not, it stays closed until start()). */
  needed: () => boolean;
};

export class PgChannelListener {
  private client: pg.Client | undefined;
  private wanted = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private state: "idle" | "connecting" | "listening" | "waiting" = "idle";

  constructor(private readonly options: PgChannelListenerOptions) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.channel)) throw new Error(`Not a plain channel name: ${options.channel}`);
  }

  get listening(): boolean {
    return this.state === "listening";
  }

  start(): void {
    this.wanted = true;
    if (this.state === "idle") void this.connect();
  }

  async stop(): Promise<void> {
    this.wanted = false;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const client = this.client;
    this.client = undefined;
    this.state = "idle";
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    this.state = "connecting";
    const { url, channel, applicationName, onNotify } = this.options;
    const client = new pg.Client({ connectionString: url, application_name: applicationName, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    this.client = client;
    client.on("error", (error) => this.lost(client, error));
    client.on("end", () => this.lost(client));
    client.on("notification", (message) => {
      if (this.client === client && message.channel === channel && message.payload) onNotify(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.client !== client) return; // stopped or lost meanwhile
    this.failures = 0;
    this.state = "listening";
    this.options.onListening();
  }

  private lost(client: pg.Client, error?: unknown): void {
    if (this.client !== client) return; // an old connection's last words
    this.client = undefined;
    client.removeAllListeners("notification");
    client.on("error", () => {}); // a closing socket may still report; nothing left to do with it
    void client.end().catch(() => {});
    if (!this.wanted || !this.options.needed()) {
      this.wanted = false;
      this.state = "idle";
      return;
    }
    const { initialMs, maxMs } = this.options.backoff;
    const delay = Math.min(maxMs, initialMs * 2 ** this.failures) * (0.75 + Math.random() * 0.5);
    this.failures += 1;
    this.state = "waiting";
    if (this.failures === 1 || this.failures % 10 === 0) {
      log.warn("live: LISTEN connection lost; reconnecting", { error: error ?? "closed", delayMs: Math.round(delay) });
    }
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.wanted && this.state === "waiting") void this.connect();
    }, delay);
    this.retryTimer.unref?.();
  }
}
