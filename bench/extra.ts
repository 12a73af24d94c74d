import type { Services } from '../electron/services';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureRendererHeap } from './heap';
import { measureInvitePaint } from './invite-paint';
import type { Figure } from './measure';

export interface BenchContext {
  services: Services;
  file: string;
  clients: number;
  floor: number;
  quick: boolean;
  now: Date;
  say(line: string): void;
}

/** Figures from the other areas (queue, imports, softphone, renderer memory). */
export async function extraFigures(context: BenchContext): Promise<Figure[]> {
  const figures: Figure[] = [];
  context.say('bench: renderer heap with a 5,000-entry history (Chromium)…');
  const heap = await measureRendererHeap(5000);
  figures.push({ name: `renderer heap, 5,000-entry history open (${heap.rows} rows in the page)`, unit: 'MB', value: heap.usedMB, budget: 150, kind: 'max', on: 'value' });
  context.say('bench: INVITE received → record and verdict painted (Chromium + Kamailio)…');
  // The web host opens the cached demo database through a data folder that links to it.
  const dataDir = mkdtempSync(join(tmpdir(), 'poste-bench-web-'));
  symlinkSync(context.file, join(dataDir, 'poste.sqlite'));
  const paint = await measureInvitePaint({ dataDir, calls: context.quick ? 20 : 40 });
  figures.push({ name: `INVITE received → record and verdict painted (${context.clients.toLocaleString('en-CA')} clients)`, unit: 'ms', ...paint, budget: 50, kind: 'max', on: 'p95' });
  return figures;
}
