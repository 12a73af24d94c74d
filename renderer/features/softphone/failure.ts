/**
 * What went wrong on the SIP side, read from the engine's failure texts. The engine (and
 * SIP.js under it) reports failures as English developer text — « The phone is not
 * registered », « WebSocket closed wss://… (code: 1006) », « 404 Not Found » — which is fine
 * in the logs but not in front of an agent. One reading for every screen that shows one: the
 * header's registration badge and zone 9's dialogs word these kinds in the agent's language
 * and keep the raw text as a tooltip.
 */
export type SipFailureKind =
  'not_registered' | 'lost' | 'timeout' | 'rejected' | 'bad_number' | 'device_hung_up' | 'no_media' | 'other';

export interface SipFailure {
  kind: SipFailureKind;
  /** The SIP status code when the server refused (RFC 3261 §21), e.g. 404. */
  code?: number;
  /** The engine's own words, for the tooltip and the logs. */
  detail: string;
}

/** Classifies an engine failure text (and its SIP status code when the engine gave one). */
export function sipFailureOf(reason: string | null | undefined, statusCode?: number): SipFailure {
  const detail = (reason ?? '').trim();
  // A status leads the text (« 404 Not Found ») or follows « rejected » (« Registration rejected: 403 »).
  const quoted = /(?:^|rejected:?\s*)(\d{3})\b/i.exec(detail);
  const code = statusCode && statusCode > 0 ? statusCode : quoted ? Number(quoted[1]) : undefined;
  if (/registration lost/i.test(detail)) return { kind: 'lost', detail };
  if (
    /not registered|not connected|not ready|no engine|websocket|transport|\b1006\b|network|unreachable|dns|connection (refused|closed)/i.test(
      detail,
    )
  )
    return { kind: 'not_registered', detail };
  if (code !== undefined && code >= 300) return { kind: 'rejected', code, detail };
  if (/forbidden|unauthori[sz]ed/i.test(detail)) return { kind: 'rejected', detail };
  if (/timeout|timed out|no answer from the server/i.test(detail)) return { kind: 'timeout', detail };
  if (/nothing to dial|cannot dial|invalid target/i.test(detail)) return { kind: 'bad_number', detail };
  if (/hung up/i.test(detail)) return { kind: 'device_hung_up', detail };
  if (/no media/i.test(detail)) return { kind: 'no_media', detail };
  return { kind: 'other', detail };
}

/** What the header says of a failed registration, as the agent can act on it. */
export type RegistrationProblem = 'rejected' | 'unreachable' | 'lost' | 'other';

export function registrationProblem(reason: string): RegistrationProblem {
  const failure = sipFailureOf(reason);
  switch (failure.kind) {
    case 'rejected':
      // The registrar refused the account (401/403/407); another refusal is not the account's.
      return failure.code === undefined || [401, 403, 407].includes(failure.code) ? 'rejected' : 'other';
    case 'not_registered':
    case 'timeout':
      return 'unreachable';
    case 'lost':
      return 'lost';
    default:
      return 'other';
  }
}
