import type { Services } from '../electron/services';
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
export async function extraFigures(_context: BenchContext): Promise<Figure[]> {
  return [];
}
