import { Worker } from 'node:worker_threads';
import type { Logger } from '../log/logger';
import type { AdfReadResult } from './adf';
import { readLeadFile, type LeadFileContext } from './read-file';
import { decodeReadFailure, type ReadReply, type ReadRequest } from './read-protocol';
import { errorMessage } from '../../../shared/error-message';

/**
 * Reads lead files on a worker thread, so that a batch of files (the picker's) is read on
 * the other core while the host's thread writes the file before it: reading is a fifth of
 * an ADF file's cost (bench/leads.ts). Replies come back in the order files were sent.
 * Should the worker fail to start or die, files are read on the calling thread instead,
 * the same function either way (read-file.ts), and the failure is logged once.
 */
export interface LeadFileReader {
  /** The file's leads; rejects with the error reading it on this thread would throw. */
  read(fileName: string, bytes: Uint8Array, context: LeadFileContext): Promise<AdfReadResult>;
  /** Stops the worker; reads still waiting are refused. */
  close(): Promise<void>;
}

/**
 * The worker: the bundle's sibling file in the Electron build (dist-electron/lead-reader.mjs),
 * else the TypeScript source, through read-worker-source.mjs, which registers tsx first
 * (the web host and the tools run under tsx, the tests under Vitest).
 */
export function startReadWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./lead-reader.mjs', here));
  return new Worker(new URL('./read-worker-source.mjs', here));
}

interface Pending {
  fileName: string;
  bytes: Uint8Array;
  context: LeadFileContext;
  resolve(result: AdfReadResult): void;
  reject(error: unknown): void;
}

export function leadFileReader(logger: Pick<Logger, 'warn'>, start: () => Worker = startReadWorker): LeadFileReader {
  let worker: Worker | null = null;
  let broken = false;
  let closed = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const readHere = (p: Pending) => {
    try {
      p.resolve(readLeadFile(p.fileName, p.bytes, p.context));
    } catch (error) {
      p.reject(error);
    }
  };
  /** From now on files are read on this thread, those already sent included. */
  const fallBack = (reason: string) => {
    if (broken || closed) return;
    broken = true;
    logger.warn('the lead reader thread stopped; lead files are read on the main thread', { error: reason });
    const failed = worker;
    worker = null;
    void failed?.terminate();
    const waiting = [...pending.values()];
    pending.clear();
    for (const p of waiting) readHere(p);
  };
  const ensure = (): Worker | null => {
    if (worker || broken || closed) return worker;
    try {
      const started = start();
      started.on('message', (reply: ReadReply) => {
        const p = pending.get(reply.id);
        if (!p) return;
        pending.delete(reply.id);
        // Idle, the worker does not keep the process alive.
        if (pending.size === 0) started.unref();
        if (reply.ok) p.resolve({ leads: reply.leads, warnings: reply.warnings });
        else p.reject(decodeReadFailure(reply.failure));
      });
      started.on('error', (error) => fallBack(error.message));
      started.on('exit', (code) => fallBack(`the worker exited with code ${code}`));
      started.unref();
      worker = started;
    } catch (error) {
      fallBack(errorMessage(error));
    }
    return worker;
  };

  return {
    read(fileName, bytes, context) {
      return new Promise<AdfReadResult>((resolve, reject) => {
        const p: Pending = { fileName, bytes, context, resolve, reject };
        if (closed) return reject(new Error('the lead reader is closed'));
        const w = ensure();
        if (!w) return readHere(p);
        const id = nextId++;
        pending.set(id, p);
        w.ref();
        const request: ReadRequest = { id, fileName, bytes, context };
        w.postMessage(request);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      const w = worker;
      worker = null;
      for (const p of pending.values()) p.reject(new Error('the lead reader is closed'));
      pending.clear();
      if (w) await w.terminate();
    },
  };
}
