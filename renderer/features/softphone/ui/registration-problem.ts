/**
 * What went wrong with the SIP registration, as the agent can act on it. The engine's
 * reasons are the SIP stack's own English (« WebSocket closed wss://… (code: 1006) »,
 * « 403 Forbidden »); the header says what they mean and keeps them as its tooltip.
 */
export type RegistrationProblem = 'rejected' | 'unreachable' | 'lost' | 'other';

export function registrationProblem(reason: string): RegistrationProblem {
  if (/\b(401|403|407)\b|forbidden|unauthori[sz]ed|authenticat|credential/i.test(reason)) return 'rejected';
  if (/registration lost/i.test(reason)) return 'lost';
  if (/websocket|\b1006\b|connect|network|timed? ?out|unreachable|closed|transport|dns|refused/i.test(reason)) return 'unreachable';
  return 'other';
}
