/**
 * The services' logger. Secrets and message bodies never go in: callers pass ids, counts
 * and codes. The Electron host gives a rotating file sink; tests and the web host use stderr.
 */
export interface Logger {
  info(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

/** Keys whose values are secret or are what a client wrote (a text, an e-mail, a note). */
const SECRET_KEYS = /pass(word)?|secret|token|credential|authorization|cookie|body|^(text|content|note|notes|message_?body|sms|pin|key)$/i;

/** Secrets that may hide inside a string value (a URL with ?token=, a SIP URI with a password). */
const SECRET_PATTERNS: readonly [RegExp, string][] = [
  [/([?&;](?:token|password|pass|secret|key|access_token|auth)=)[^&;\s"]*/gi, '$1[redacted]'],
  [/(\b(?:sips?|wss?|https?|turns?|stuns?):\/{0,2}[^:@/\s"]+:)[^@\s"]+@/gi, '$1[redacted]@'],
  // An Authorization header is dropped to the end of the line (its parameters are quoted).
  [/(\b(?:authorization|proxy-authorization)\s*:\s*)[^\r\n]+/gi, '$1[redacted]'],
  [/(\b(?:bearer|digest|basic)\s+)[A-Za-z0-9._~+/=-]{6,}[^\r\n"]*/gi, '$1[redacted]'],
  [/(\b(?:password|passwd|pwd|secret|credential)\b\s*[=:]\s*)("?)[^\s",}]+/gi, '$1$2[redacted]'],
];

/** Replaces what looks like a secret inside free text (a log line, an error message). */
export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

function redactValue(key: string, value: unknown, depth: number): unknown {
  if (SECRET_KEYS.test(key)) return '[redacted]';
  if (typeof value === 'string') return scrubText(value);
  if (depth >= 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactValue('', item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(k, v, depth + 1)]));
}

/** Drops values whose key looks secret, so a careless call site cannot leak one. */
export function redact(detail: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!detail) return undefined;
  return Object.fromEntries(Object.entries(detail).map(([k, v]) => [k, redactValue(k, v, 0)]));
}

export function streamLogger(
  write: (line: string) => void,
  level: 'info' | 'warn' | 'error' = 'info',
  clock: () => Date = () => new Date(),
): Logger {
  const order = { info: 0, warn: 1, error: 2 };
  const log = (lvl: 'info' | 'warn' | 'error', message: string, detail?: Record<string, unknown>) => {
    if (order[lvl] < order[level]) return;
    const safe = redact(detail);
    const text = scrubText(message).replace(/[\r\n]+/g, ' ');
    write(`${clock().toISOString()} ${lvl.toUpperCase()} ${text}${safe ? ` ${JSON.stringify(safe)}` : ''}\n`);
  };
  return {
    info: (m, d) => log('info', m, d),
    warn: (m, d) => log('warn', m, d),
    error: (m, d) => log('error', m, d),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
