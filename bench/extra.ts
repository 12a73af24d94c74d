import type { Services } from '../electron/services';
import { measureRendererHeap } from './heap';
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
  return figures;
}
