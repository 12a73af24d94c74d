import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { scrubText } from './logger';

/**
 * The Electron host's log: `poste.log` in userData/logs, rotated by size. When the current
 * file would pass `maxBytes`, it becomes `poste.1.log`, the older ones shift up and the
 * oldest beyond `maxFiles` is removed. Lines are scrubbed again on the way in, so even a
 * line built outside the logger cannot carry a password.
 */
export interface RotatingFileOptions {
  dir: string;
  /** The current file's name; rotated files are `<stem>.<n><ext>`. */
  name?: string;
  maxBytes?: number;
  /** How many files to keep in all, the current one included. */
  maxFiles?: number;
}

export interface RotatingFile {
  write(line: string): void;
  /** The last `count` lines across the kept files, oldest first. */
  tail(count: number): string[];
  /** The files on disk, newest first. */
  files(): string[];
}

export function rotatingFile(options: RotatingFileOptions): RotatingFile {
  const name = options.name ?? 'poste.log';
  const maxBytes = Math.max(1024, options.maxBytes ?? 2 * 1024 * 1024);
  const maxFiles = Math.max(1, Math.min(options.maxFiles ?? 5, 50));
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  const path = (n: number) => join(options.dir, n === 0 ? name : `${stem}.${n}${ext}`);
  mkdirSync(options.dir, { recursive: true });
  let size = existsSync(path(0)) ? statSync(path(0)).size : 0;

  function rotate(): void {
    rmSync(path(maxFiles - 1), { force: true });
    for (let n = maxFiles - 2; n >= 0; n--) {
      if (existsSync(path(n))) renameSync(path(n), path(n + 1));
    }
    size = 0;
  }

  const files = () => Array.from({ length: maxFiles }, (_, n) => path(n)).filter((file) => existsSync(file));

  return {
    write(line) {
      const text = scrubText(line.endsWith('\n') ? line : `${line}\n`);
      const bytes = Buffer.byteLength(text);
      if (size > 0 && size + bytes > maxBytes) {
        if (maxFiles === 1) rmSync(path(0), { force: true });
        else rotate();
        size = 0;
      }
      try {
        appendFileSync(path(0), text, { mode: 0o600 });
        size += bytes;
      } catch {
        // A full disk or a removed folder must never take the phone down; the line is lost.
      }
    },
    tail(count) {
      const lines: string[] = [];
      for (const file of files()) {
        let content: string;
        try {
          content = readFileSync(file, 'utf8');
        } catch {
          continue;
        }
        const fileLines = content.split('\n').filter((l) => l !== '');
        lines.unshift(...fileLines);
        if (lines.length >= count) break;
      }
      return lines.slice(-count).map(scrubText);
    },
    files: () => files(),
  };
}
