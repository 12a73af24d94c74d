import pg from 'pg';
import type { ConnectionOptions } from 'node:tls';
import type { SyncConflict, SyncStatus, TeamConnection } from '../../../shared/ipc/contract-sync';
import type { ServiceContext } from '../context';
import { syncStore, type Applied, type ConflictRecord, type OutboxRow } from './local';
import { explainConflict, pullPage, pushBatch, winnerRule } from './team';
import { errorMessage } from '../../../shared/error-message';

/**
 * The team sync (issue 9): this console's cache kept a live copy of the centre's PostgreSQL.
 *
 * ```
 *  standalone ──configure──▶ offline ──connected──▶ online
 *                               ▲                      │
 *                               └──── network lost ────┘
 * ```
 * One cycle pushes the outbox in order (idempotency keys, compare-and-set), then pulls the
 * changes after the cursor. Cycles run when the outbox grows (checked every `pushEveryMs`),
 * when the server NOTIFYs a colleague's commit (LISTEN), and every `pullEveryMs` as a safety
 * net. Offline, the cache keeps working and the outbox waits; cycles retry with a backoff.
 */
export interface SyncOptions {
  connection: TeamConnection;
  password: string;
  /** PEM of the CA for `verify-full` (else the system's). */
  ca?: string;
  pushEveryMs?: number;
  pullEveryMs?: number;
  batchSize?: number;
  pageSize?: number;
  /** Test hook: runs after the server committed a pushed batch, before the outbox is marked. */
  afterPushCommit?: (batch: readonly OutboxRow[]) => void;
}

export type SyncContext = Pick<
  ServiceContext,
  'db' | 'agents' | 'contacts' | 'bus' | 'logger' | 'now' | 'currentAgent'
>;

export function pgConfig(connection: TeamConnection, password: string, ca?: string): pg.ClientConfig {
  const ssl: ConnectionOptions | false =
    connection.tlsMode === 'disable'
      ? false
      : connection.tlsMode === 'require'
        ? { rejectUnauthorized: false }
        : { rejectUnauthorized: true, ...(ca ? { ca } : {}), servername: connection.host };
  return {
    host: connection.host,
    port: connection.port,
    database: connection.database,
    user: connection.user,
    password,
    ssl,
    connectionTimeoutMillis: 3000,
    keepAlive: true,
    application_name: 'poste',
  };
}

export function createSyncService(c: SyncContext, options: SyncOptions | null) {
  const store = syncStore(c.db, c.contacts);
  const pushEveryMs = options?.pushEveryMs ?? 100;
  const pullEveryMs = options?.pullEveryMs ?? 30_000;
  const batchSize = options?.batchSize ?? 500;
  const pageSize = options?.pageSize ?? 5000;

  let state: SyncStatus['state'] = options ? 'offline' : 'standalone';
  let pool: pg.Pool | null = null;
  let listener: pg.Client | null = null;
  let timers: NodeJS.Timeout[] = [];
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;
  let retryAt = 0;
  let failures = 0;
  let lastSeenOutbox = -1;
  let lastStatusKey = '';

  function alive(): boolean {
    if (!c.db.open) {
      void stop();
      return false;
    }
    return !stopped;
  }

  function status(): SyncStatus {
    const s = store.state();
    return {
      state,
      pending: store.pending(),
      lastPullAt: s.last_pull_at,
      lastPushAt: s.last_push_at,
      connection: options?.connection ?? null,
      conflicts: store.conflicts(true) as SyncConflict[],
    };
  }

  function announce(): void {
    if (!c.db.open) return;
    const s = status();
    const key = `${s.state}|${s.pending}|${s.lastPullAt}|${s.conflicts.length}`;
    if (key === lastStatusKey) return;
    lastStatusKey = key;
    c.bus.emit('sync:changed', s);
  }

  function setState(next: SyncStatus['state']): void {
    if (state !== next) c.logger.info('team sync state', { from: state, to: next });
    state = next;
    announce();
  }

  function announceApplied(applied: Applied): void {
    // The agents repository keeps shifts for a few seconds; a pulled schedule must show at once.
    if (applied.tables.has('agent_shifts')) c.agents.forgetShifts();
    if (applied.clients.size <= 100) for (const clientId of applied.clients) c.bus.emit('record:changed', { clientId });
    if (applied.agents.size <= 100) {
      for (const agentId of applied.agents) {
        const row = c.db
          .prepare<[string], { presence: 'available' | 'on_call' | 'break' | 'offline' }>(
            'SELECT presence FROM agents WHERE id = ?',
          )
          .get(agentId);
        if (row) c.bus.emit('presence:changed', { agentId, presence: row.presence });
      }
    }
    if (applied.tables.has('da_tasks')) c.bus.emit('da:changed', {});
  }

  async function connect(): Promise<pg.Pool> {
    if (!options) throw new Error('no team connection');
    if (!pool) {
      const config = pgConfig(options.connection, options.password, options.ca);
      pool = new pg.Pool({ ...config, max: 2, idleTimeoutMillis: 30_000 });
      pool.on('error', (error) => c.logger.warn('team sync: idle connection lost', { error: error.message }));
    }
    if (!listener) {
      const client = new pg.Client(pgConfig(options.connection, options.password, options.ca));
      client.on('error', (error) => {
        c.logger.warn('team sync: listener lost', { error: error.message });
        if (listener === client) listener = null;
        void client.end().catch(() => undefined);
        setState('offline');
      });
      client.on('notification', () => kick());
      await client.connect();
      await client.query('LISTEN poste_changes');
      listener = client;
    }
    return pool;
  }

  /**
   * One exchange on a pooled connection. While a connection is checked out the pool no longer
   * hears its errors (pg-pool removes its idle listener), and a connection cut mid-exchange
   * makes pg emit 'error' besides failing the query: unheard, that event is an uncaught
   * exception that takes the whole host down. It is heard here; the failed query carries the
   * failure to the cycle, and a connection that failed goes back broken so the pool drops it
   * instead of lending it out again (perhaps mid-transaction).
   */
  async function withClient<T>(p: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await p.connect();
    let failed: Error | undefined;
    const onError = (error: Error) => {
      failed ??= error;
    };
    client.on('error', onError);
    try {
      return await work(client);
    } catch (error) {
      failed ??= error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      client.removeListener('error', onError);
      client.release(failed);
    }
  }

  async function drop(): Promise<void> {
    const [p, l] = [pool, listener];
    pool = null;
    listener = null;
    await Promise.all([p?.end().catch(() => undefined), l?.end().catch(() => undefined)]);
  }

  async function push(p: pg.Pool): Promise<number> {
    let pushed = 0;
    for (;;) {
      const batch = store.outbox(batchSize);
      if (batch.length === 0) return pushed;
      const conflicts: ConflictRecord[] = [];
      const corrections: { tbl: string; rowId: string; server: Record<string, string | number | null> | null }[] = [];
      await withClient(p, async (client) => {
        const outcomes = await pushBatch(client, batch);
        options?.afterPushCommit?.(batch);
        const at = c.now().toISOString();
        for (const [i, outcome] of outcomes.entries()) {
          const change = batch[i]!;
          if (outcome.kind === 'applied' || outcome.kind === 'duplicate') continue;
          corrections.push({ tbl: change.tbl, rowId: change.row_id, server: outcome.server });
          const clientId = store.clientOf(change.tbl, outcome.server ?? (change.new ? JSON.parse(change.new) : null));
          const winner = outcome.kind === 'lost_race' ? outcome.changedBy : null;
          const rule = outcome.rule ?? (await winnerRule(client, clientId, winner));
          conflicts.push(explainConflict(change, outcome, { winner: store.agentName(winner) }, clientId, rule, at));
        }
      });
      const applied = store.finishPush(batch, corrections, conflicts, c.now().toISOString());
      pushed += batch.length;
      for (const conflict of conflicts) {
        c.logger.warn('team sync conflict', {
          kind: conflict.kind,
          table: conflict.table,
          rowId: conflict.rowId,
          rule: conflict.rule,
        });
        c.bus.emit('sync:conflict', conflict as SyncConflict);
      }
      if (corrections.length) announceApplied(applied);
    }
  }

  async function pull(p: pg.Pool): Promise<number> {
    let rows = 0;
    // A first sync (cursor 0) writes its search rows once at the end rather than page by page.
    const first = store.state().last_pull_at === null;
    try {
      return await pullPages(p, first, (n) => (rows += n));
    } finally {
      if (first && c.db.open && store.state().cursor > 0) store.rebuildSearch(c.now().toISOString());
    }
  }

  async function pullPages(p: pg.Pool, deferSearch: boolean, count: (n: number) => void): Promise<number> {
    let rows = 0;
    let window = pageSize;
    for (;;) {
      const cursor = store.state().cursor;
      const page = await withClient(p, (client) => pullPage(client, cursor, pageSize, window));
      window = page.nextWindow;
      if (page.cursor === cursor) return rows;
      const applied = store.applyPull(page, c.now().toISOString(), deferSearch);
      rows += applied.rows;
      count(applied.rows);
      announceApplied(applied);
      if (!page.more) return rows;
    }
  }

  async function cycleOnce(): Promise<void> {
    if (!options || !alive()) return;
    try {
      store.setAgent(c.currentAgent()?.id ?? null);
      const p = await connect();
      await push(p);
      await pull(p);
      failures = 0;
      retryAt = 0;
      setState('online');
    } catch (error) {
      failures += 1;
      retryAt = Date.now() + Math.min(10_000, 500 * 2 ** Math.min(failures, 5));
      c.logger.warn('team sync: cycle failed, working offline', {
        error: errorMessage(error),
        failures,
      });
      await drop();
      if (c.db.open) setState('offline');
    }
    announce();
  }

  /** Runs a cycle now, or right after the one under way. */
  function cycle(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await cycleOnce();
        } while (again && alive() && state === 'online');
      } finally {
        running = null;
      }
    })();
    return running;
  }

  function kick(): void {
    if (alive()) void cycle();
  }

  function tick(): void {
    if (!alive()) return;
    const last = store.lastOutboxSeq();
    const due = state === 'offline' ? Date.now() >= retryAt : last !== lastSeenOutbox && last > 0;
    if (due) {
      lastSeenOutbox = last;
      kick();
    } else announce();
  }

  async function stop(): Promise<void> {
    stopped = true;
    for (const t of timers) clearInterval(t);
    timers = [];
    if (running) await running.catch(() => undefined);
    await drop();
  }

  return {
    /** Starts recording local changes in the outbox and syncing; standalone, it does nothing. */
    start(): void {
      if (!options || !stopped) return;
      stopped = false;
      store.setEnabled(true, c.currentAgent()?.id ?? null);
      timers = [setInterval(tick, pushEveryMs), setInterval(kick, pullEveryMs)];
      for (const t of timers) t.unref();
      kick();
    },
    stop,
    status,
    /** One push and pull, awaited (tests, the « Synchroniser » button). */
    syncNow: cycle,
    conflicts: (all = false) => store.conflicts(!all),
    ackConflicts(ids: readonly string[]): void {
      store.markSeen(ids, c.now().toISOString());
      announce();
    },
  };
}
export type SyncService = ReturnType<typeof createSyncService>;
