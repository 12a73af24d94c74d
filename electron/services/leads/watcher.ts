import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import { refusal } from '../../../shared/ipc/error-texts';
import { leadsRepo, type WatchFolderRow } from '../db/repos/leads';
import type { ServiceContext } from '../context';
import { applyExpiry } from './expiry';
import { importLeadFiles, MAX_IMPORT_BYTES, type ImportReport } from './importer';
import type { LeadFileReader } from './reader';
import { errorMessage } from '../../../shared/error-message';

/**
 * Watched folders: where a mail rule or a provider drops ADF/XML and .eml files. Each file
 * is imported on its own (all-or-nothing), then moved to `done/` or `failed/` inside the
 * folder with a `<name>.report.json` beside it saying what happened. A file still being
 * written (modified less than `settleMs` ago) waits for the next scan. `fs.watch` gives
 * quick reaction where the platform supports it; a periodic scan catches the rest (network
 * drives, missed events) and works the same in the web host. A folder's files go through
 * importLeadFiles, as the picker's do: the next file is read on the reader's worker while
 * this one is written, and each is moved as soon as its transaction ends.
 */

export const WATCHED_EXTENSIONS = ['.xml', '.adf', '.eml', '.txt'];

export interface ScanResult {
  folderId: string;
  path: string;
  files: ImportReport[];
  error: string | null;
}

export type WatcherDeps = Pick<ServiceContext, 'db' | 'contacts' | 'work' | 'agents' | 'now' | 'settings' | 'logger' | 'currentAgent' | 'bus'>;

/** A folder the console may watch: absolute, an existing directory, not the file-system root. */
export function checkFolderPath(raw: string): string {
  const path = resolve(raw.trim());
  if (!isAbsolute(raw.trim())) throw refusal('invalid_input', 'folder_not_absolute', {}, 'path');
  if (path === '/' || /^[A-Za-z]:\\?$/.test(path)) throw refusal('invalid_input', 'folder_root', {}, 'path');
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw refusal('invalid_input', 'folder_missing', { path }, 'path');
  }
  if (!isDir) throw refusal('invalid_input', 'folder_not_directory', { path }, 'path');
  return path;
}

function freeName(dir: string, name: string): string {
  if (!existsSync(join(dir, name))) return name;
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let i = 2; ; i++) {
    const candidate = `${stem} (${i})${ext}`;
    if (!existsSync(join(dir, candidate))) return candidate;
  }
}

/** Files a scan holds in memory at once (each at most MAX_IMPORT_BYTES). */
const FILES_IN_MEMORY = 8;

/** How one scan goes: files modified less than `settleMs` ago wait; `signal` ends it between two files. */
export interface ScanOptions {
  settleMs: number;
  signal?: AbortSignal;
}

/**
 * The watched folders of one cache: createServices makes one, for the periodic scan and the
 * Imports panel's button alike, and its scans never overlap (each waits for the one before),
 * so no file is picked up twice.
 */
export function folderScanner(deps: WatcherDeps, reader: LeadFileReader) {
  const repo = leadsRepo(deps.db);
  let queue: Promise<unknown> = Promise.resolve();

  /** Moves an imported or refused file to done/ or failed/, its report beside it. */
  function settle(folder: WatchFolderRow, name: string, report: ImportReport): void {
    const target = join(folder.path, report.status === 'imported' ? 'done' : 'failed');
    try {
      mkdirSync(target, { recursive: true });
      const moved = freeName(target, name);
      renameSync(join(folder.path, name), join(target, moved));
      const { clientIds: _c, opportunityIds: _o, ...summary } = report;
      writeFileSync(join(target, `${moved}.report.json`), `${JSON.stringify({ ...summary, at: deps.now().toISOString() }, null, 2)}\n`);
    } catch (error) {
      deps.logger.error('could not move an imported file', { folderId: folder.id, error: errorMessage(error) });
    }
    for (const clientId of report.clientIds) deps.bus.emit('record:changed', { clientId });
  }

  async function scanFolder(folder: WatchFolderRow, { settleMs, signal }: ScanOptions): Promise<ScanResult> {
    const result: ScanResult = { folderId: folder.id, path: folder.path, files: [], error: null };
    let names: string[];
    try {
      names = readdirSync(folder.path).sort();
    } catch (error) {
      result.error = `cannot read ${folder.path}: ${errorMessage(error)}`;
      deps.logger.warn('watched folder unreadable', { folderId: folder.id });
      return result;
    }
    const settled: { name: string; size: number }[] = [];
    for (const name of names) {
      if (name.startsWith('.') || !WATCHED_EXTENSIONS.includes(extname(name).toLowerCase())) continue;
      try {
        const st = statSync(join(folder.path, name));
        if (st.isFile() && Date.now() - st.mtimeMs >= settleMs) settled.push({ name, size: st.size });
      } catch {
        // Gone since the listing: nothing to import.
      }
    }
    for (let at = 0; at < settled.length && !signal?.aborted; at += FILES_IN_MEMORY) {
      const files = settled.slice(at, at + FILES_IN_MEMORY).flatMap(({ name, size }) => {
        try {
          // An oversized file is refused by its size, without reading it.
          const bytes = size > MAX_IMPORT_BYTES ? new Uint8Array(MAX_IMPORT_BYTES + 1) : new Uint8Array(readFileSync(join(folder.path, name)));
          return [{ name: basename(name), bytes }];
        } catch {
          return [];
        }
      });
      const settleEach = (report: ImportReport, i: number) => settle(folder, files[i]!.name, report);
      result.files.push(...(await importLeadFiles(deps, files, 'folder', reader, settleEach, signal)));
    }
    repo.markScanned(folder.id, deps.now().toISOString());
    if (result.files.length) {
      deps.bus.emit('leads:imported', { files: result.files.length, failed: result.files.filter((f) => f.status === 'failed').length });
      deps.bus.emit('queue:changed', {});
    }
    return result;
  }

  return {
    /** Every enabled folder, once, after the scan still running, if any. */
    scanAll(options: ScanOptions): Promise<ScanResult[]> {
      const run = queue.then(async () => {
        const results: ScanResult[] = [];
        for (const folder of repo.watchFolders().filter((f) => f.enabled === 1)) results.push(await scanFolder(folder, options));
        return results;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

export type FolderScanner = ReturnType<typeof folderScanner>;

export interface LeadsBackground {
  /** Scans the watched folders now (also what the periodic timer does). */
  scanNow(): Promise<ScanResult[]>;
  /** Stops the timers, and a running scan after its current file, and waits for that. */
  stop(): Promise<void>;
}

/**
 * The area's timers, for createServices to start once and stop on close:
 * ST-1 expiry at start and every hour, and the watched folders (fs.watch + a scan every
 * `scanIntervalMs`). Timers are unref'd: they never keep a process alive.
 */
export function startLeadsBackground(
  deps: WatcherDeps,
  scanner: FolderScanner,
  options: { expiryIntervalMs?: number; scanIntervalMs?: number; settleMs?: number } = {},
): LeadsBackground {
  // stop() aborts a running scan between two files: the ones not started stay in the folder.
  const stopping = new AbortController();
  const scan: ScanOptions = { settleMs: options.settleMs ?? 1000, signal: stopping.signal };
  const watchers = new Map<string, FSWatcher>();
  let scanning: Promise<ScanResult[]> | null = null;
  let stopped = false;
  let debounce: NodeJS.Timeout | null = null;

  const expire = () => {
    try {
      applyExpiry(deps);
    } catch (error) {
      deps.logger.error('ST-1 expiry failed', { error: errorMessage(error) });
    }
  };

  const scanNow = async (): Promise<ScanResult[]> => {
    if (scanning || stopped) return [];
    try {
      syncWatchers();
      scanning = scanner.scanAll(scan);
      return await scanning;
    } catch (error) {
      deps.logger.error('watched folder scan failed', { error: errorMessage(error) });
      return [];
    } finally {
      scanning = null;
    }
  };

  function syncWatchers(): void {
    const folders = leadsRepo(deps.db)
      .watchFolders()
      .filter((f) => f.enabled === 1);
    const wanted = new Set(folders.map((f) => f.path));
    for (const [path, w] of watchers) {
      if (!wanted.has(path)) {
        w.close();
        watchers.delete(path);
      }
    }
    for (const f of folders) {
      if (watchers.has(f.path)) continue;
      try {
        const w = watch(f.path, { persistent: false }, () => {
          if (debounce) clearTimeout(debounce);
          debounce = setTimeout(() => void scanNow(), scan.settleMs + 100);
          debounce.unref();
        });
        w.on('error', () => {
          w.close();
          watchers.delete(f.path);
        });
        watchers.set(f.path, w);
      } catch {
        // Not watchable here (e.g. some network mounts): the periodic scan covers it.
      }
    }
  }

  expire();
  const expiryTimer = setInterval(expire, options.expiryIntervalMs ?? 3_600_000);
  expiryTimer.unref();
  const scanTimer = setInterval(() => void scanNow(), options.scanIntervalMs ?? 30_000);
  scanTimer.unref();
  setImmediate(() => void scanNow());

  return {
    scanNow,
    async stop() {
      stopped = true;
      stopping.abort();
      clearInterval(expiryTimer);
      clearInterval(scanTimer);
      if (debounce) clearTimeout(debounce);
      for (const w of watchers.values()) w.close();
      watchers.clear();
      // A scan still running ends after the file it is writing: the cache must not close under it.
      await scanning?.catch(() => undefined);
    },
  };
}
