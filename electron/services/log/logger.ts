/**
 * The services' logger. Secrets and message bodies never go in: callers pass ids, counts
 * and codes. The Electron host gives a rotating file sink; tests and the web host use stderr.
 */
export interface Logger {
  info(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

const SECRET_KEYS = /pass(word)?|secret|token|credential|body/i;

/** Drops values whose key looks secret, so a careless call site cannot leak one. */
export function redact(detail: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!detail) return undefined;
  return Object.fromEntries(Object.entries(detail).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : v]));
}

export function streamLogger(write: (line: string) => void, level: 'info' | 'warn' | 'error' = 'info'): Logger {
  const order = { info: 0, warn: 1, error: 2 };
  const log = (lvl: 'info' | 'warn' | 'error', message: string, detail?: Record<string, unknown>) => {
    if (order[lvl] < order[level]) return;
    const safe = redact(detail);
    write(`${new Date().toISOString()} ${lvl.toUpperCase()} ${message}${safe ? ` ${JSON.stringify(safe)}` : ''}\n`);
  };
  return {
    info: (m, d) => log('info', m, d),
    warn: (m, d) => log('warn', m, d),
    error: (m, d) => log('error', m, d),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
