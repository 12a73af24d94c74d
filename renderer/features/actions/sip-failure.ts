/**
 * What went wrong on the SIP side, as a kind the dialogs can word in the agent's language.
 * The engine (and SIP.js under it) reports failures as English developer text — « The phone
 * is not registered », « Not connected to the server », « 404 Not Found » — which is fine in
 * the logs but not in front of a French-speaking agent. The raw text stays available as a
 * detail (tooltip) for support.
 */
export type SipFailureKind =
  'not_registered' | 'timeout' | 'rejected' | 'bad_number' | 'device_hung_up' | 'no_media' | 'other';

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
  const leading = /^(\d{3})\b/.exec(detail);
  const code = statusCode && statusCode > 0 ? statusCode : leading ? Number(leading[1]) : undefined;
  if (/not registered|not connected|not ready|no engine|websocket|transport/i.test(detail))
    return { kind: 'not_registered', detail };
  if (code !== undefined && code >= 300) return { kind: 'rejected', code, detail };
  if (/timeout|timed out|no answer from the server/i.test(detail)) return { kind: 'timeout', detail };
  if (/nothing to dial|cannot dial|invalid target/i.test(detail)) return { kind: 'bad_number', detail };
  if (/hung up/i.test(detail)) return { kind: 'device_hung_up', detail };
  if (/no media/i.test(detail)) return { kind: 'no_media', detail };
  return { kind: 'other', detail };
}

/** The translated reason: `t` is the `actions` namespace's. */
export function sipFailureText(
  t: (key: string, options?: Record<string, unknown>) => string,
  failure: SipFailure,
): string {
  return failure.kind === 'rejected'
    ? t('sipFailure.rejected', { code: failure.code })
    : t(`sipFailure.${failure.kind}`);
}
