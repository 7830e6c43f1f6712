import type { Logger } from 'pino';
import type { Orm } from '../db/orm.js';

/**
 * lastUsedAt of credentials and clients, coalesced: the token endpoint records in memory and a timer writes
 * the newest time per credential and client (every minute by default, and on shutdown).
 */
export class UsageRecorder {
  private credentials = new Map<string, Date>();
  private clients = new Map<string, Date>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly orm: Orm,
    private readonly logger: Logger,
    private readonly flushSeconds: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.flushSeconds * 1000);
    this.timer.unref();
  }

  record(clientUuid: string, credentialId: string, at: Date): void {
    this.credentials.set(credentialId, at);
    this.clients.set(clientUuid, at);
  }

  async flush(): Promise<void> {
    if (this.credentials.size === 0 && this.clients.size === 0) return;
    const credentials = this.credentials;
    const clients = this.clients;
    this.credentials = new Map();
    this.clients = new Map();
    const connection = this.orm.em.getConnection();
    try {
      for (const [id, at] of credentials) {
        await connection.execute('update credential set last_used_at = greatest(coalesce(last_used_at, ?), ?) where id = ?', [at, at, id]);
      }
      for (const [id, at] of clients) {
        await connection.execute('update api_client set last_used_at = greatest(coalesce(last_used_at, ?), ?) where id = ?', [at, at, id]);
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'could not record lastUsedAt; will retry');
      for (const [id, at] of credentials) if (!this.credentials.has(id)) this.credentials.set(id, at);
      for (const [id, at] of clients) if (!this.clients.has(id)) this.clients.set(id, at);
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }
}
