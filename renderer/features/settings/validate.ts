import { iceServerSchema, sipServerSchema, type Settings } from '../../../shared/domain/settings';
import { isValidTimeZone } from '../../../shared/time/zoned';

/**
 * The settings screen's checks, field by field, before anything is sent. Each error is a
 * translation key of the `settings` namespace (French first), shown next to its field; the
 * services check everything again with the contract's schemas.
 */
export type FieldErrors = Record<string, { key: string; values?: Record<string, string | number> }>;

export interface SipDraft {
  server: string;
  uri: string;
  authUser: string;
  displayName: string;
  /** One ICE server a line: `stun:host:port` or `turn:host:port username credential`. */
  iceServers: string;
}

export interface GeneralDraft {
  language: 'fr' | 'en';
  timeZone: string;
  outsidePrefix: string;
  dialPlusOne: boolean;
  smsDomain: string;
  bleadRingTimeoutS: string;
  notifyCalls: boolean;
  notifyTexts: boolean;
}

const SIP_URI = /^sips?:[^@\s]+@[^@\s]+$/;
const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;
const HOST = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;
export const ID = /^[A-Za-z0-9_-]{1,64}$/;

export type IceServers = NonNullable<Settings['sip']>['iceServers'];

export function parseIceServers(text: string): { value: IceServers; error: FieldErrors[string] | null } {
  const servers: IceServers = [];
  const lines = text.split('\n').map((l) => l.trim());
  for (const [index, line] of lines.entries()) {
    if (line === '') continue;
    const [urls = '', username, credential, ...rest] = line.split(/\s+/);
    const candidate = { urls, ...(username ? { username } : {}), ...(credential ? { credential } : {}) };
    if (rest.length > 0 || !iceServerSchema.safeParse(candidate).success || (urls.startsWith('turn') && (!username || !credential))) {
      return { value: [], error: { key: 'errors.iceServer', values: { line: index + 1 } } };
    }
    servers.push(candidate);
  }
  if (servers.length > 10) return { value: [], error: { key: 'errors.tooMany', values: { max: 10 } } };
  return { value: servers, error: null };
}

export function validateSip(draft: SipDraft): FieldErrors {
  const errors: FieldErrors = {};
  const empty = Object.values({ ...draft }).every((v) => v.trim() === '');
  if (empty) return errors;
  if (!sipServerSchema.safeParse(draft.server).success) errors['sip.server'] = { key: 'errors.sipServer' };
  if (!SIP_URI.test(draft.uri.trim())) errors['sip.uri'] = { key: 'errors.sipUri' };
  if (draft.authUser.trim() === '') errors['sip.authUser'] = { key: 'errors.required' };
  else if (draft.authUser.trim().length > 100) errors['sip.authUser'] = { key: 'errors.tooLong', values: { max: 100 } };
  if (draft.displayName.trim().length > 100) errors['sip.displayName'] = { key: 'errors.tooLong', values: { max: 100 } };
  const ice = parseIceServers(draft.iceServers);
  if (ice.error) errors['sip.iceServers'] = ice.error;
  return errors;
}

export function validatePassword(password: string): FieldErrors {
  return password.length > 200 ? { 'sip.password': { key: 'errors.tooLong', values: { max: 200 } } } : {};
}

export function validateGeneral(draft: GeneralDraft): FieldErrors {
  const errors: FieldErrors = {};
  if (!isValidTimeZone(draft.timeZone.trim())) errors['timeZone'] = { key: 'errors.timeZone' };
  if (!/^[0-9*#]{0,4}$/.test(draft.outsidePrefix)) errors['dialRules.outsidePrefix'] = { key: 'errors.outsidePrefix' };
  const sms = draft.smsDomain.trim();
  if (sms !== '' && !HOST.test(sms)) errors['smsDomain'] = { key: 'errors.domain' };
  const timeout = Number(draft.bleadRingTimeoutS);
  if (!/^\d+$/.test(draft.bleadRingTimeoutS.trim()) || timeout < 5 || timeout > 60) {
    errors['bleadRingTimeoutS'] = { key: 'errors.range', values: { min: 5, max: 60 } };
  }
  return errors;
}

export function validateCallbackDevice(device: { label: string; target: string }): FieldErrors {
  const errors: FieldErrors = {};
  if (device.label.trim() === '') errors['label'] = { key: 'errors.required' };
  else if (device.label.trim().length > 80) errors['label'] = { key: 'errors.tooLong', values: { max: 80 } };
  const target = device.target.trim();
  if (!(SIP_URI.test(target) || /^\+?[0-9 ().-]{3,30}$/.test(target))) errors['target'] = { key: 'errors.callbackTarget' };
  return errors;
}

export function validateTemplate(t: { name: string; body: string }): FieldErrors {
  const errors: FieldErrors = {};
  if (t.name.trim() === '') errors['name'] = { key: 'errors.required' };
  else if (t.name.trim().length > 80) errors['name'] = { key: 'errors.tooLong', values: { max: 80 } };
  if (t.body.trim() === '') errors['body'] = { key: 'errors.required' };
  else if (t.body.trim().length > 640) errors['body'] = { key: 'errors.tooLong', values: { max: 640 } };
  return errors;
}

export function validateResult(r: { labelFr: string; labelEn: string; mapsToStatus: string | null; opens: string | null }): FieldErrors {
  const errors: FieldErrors = {};
  for (const key of ['labelFr', 'labelEn'] as const) {
    if (r[key].trim() === '') errors[key] = { key: 'errors.required' };
    else if (r[key].trim().length > 80) errors[key] = { key: 'errors.tooLong', values: { max: 80 } };
  }
  if (r.opens === 'booking' && r.mapsToStatus !== null && r.mapsToStatus !== 'appointment_booked') {
    errors['mapsToStatus'] = { key: 'errors.bookingStatus' };
  }
  return errors;
}

export function validateBranch(b: { name: string; salesReps: string; virtualSalesGroup: string }): FieldErrors {
  const errors: FieldErrors = {};
  if (b.name.trim() === '') errors['name'] = { key: 'errors.required' };
  else if (b.name.trim().length > 80) errors['name'] = { key: 'errors.tooLong', values: { max: 80 } };
  const reps = splitLines(b.salesReps);
  if (reps.some((r) => r.length > 100)) errors['salesReps'] = { key: 'errors.tooLong', values: { max: 100 } };
  if (reps.length > 100) errors['salesReps'] = { key: 'errors.tooMany', values: { max: 100 } };
  const group = b.virtualSalesGroup.trim();
  if (group !== '' && !EMAIL.test(group)) errors['virtualSalesGroup'] = { key: 'errors.email' };
  return errors;
}

export function validateAgent(a: { id: string; name: string; extension: string; email: string; sipUri: string }, isNew: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (isNew && !ID.test(a.id.trim())) errors['id'] = { key: 'errors.id' };
  if (a.name.trim() === '') errors['name'] = { key: 'errors.required' };
  else if (a.name.trim().length > 100) errors['name'] = { key: 'errors.tooLong', values: { max: 100 } };
  if (a.extension.trim() !== '' && !/^[0-9*#]{2,8}$/.test(a.extension.trim())) errors['extension'] = { key: 'errors.extension' };
  if (a.email.trim() !== '' && !EMAIL.test(a.email.trim())) errors['email'] = { key: 'errors.email' };
  if (a.sipUri.trim() !== '' && !SIP_URI.test(a.sipUri.trim())) errors['sipUri'] = { key: 'errors.sipUri' };
  return errors;
}

export interface ShiftDraft {
  weekday: number;
  start: string;
  end: string;
}

/** "08:30" → 510; "24:00" → 1440; anything else null. */
export function toMinutes(time: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && minutes <= 1440 ? minutes : null;
}

export function fromMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function validateShifts(shifts: readonly ShiftDraft[]): FieldErrors {
  const parsed = shifts.map((s) => ({ weekday: s.weekday, start: toMinutes(s.start), end: toMinutes(s.end) }));
  for (const [i, s] of parsed.entries()) {
    if (s.start === null || s.end === null || s.end <= s.start || s.start > 1439) {
      return { shifts: { key: 'errors.shift', values: { line: i + 1 } } };
    }
  }
  const sorted = [...parsed].sort((a, b) => a.weekday - b.weekday || a.start! - b.start!);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.weekday === sorted[i - 1]!.weekday && sorted[i]!.start! < sorted[i - 1]!.end!) {
      return { shifts: { key: 'errors.overlap' } };
    }
  }
  return {};
}

export function splitLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}
