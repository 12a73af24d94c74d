/**
 * SMS text helpers shared by the services (which fill templates) and the SMS dialog (which
 * counts characters while the agent types). Pure: no I/O.
 */

/** GSM 03.38 default alphabet (without ESC): one septet each. */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** GSM 03.38 extension table: ESC + one septet, so two septets each. */
const GSM7_EXTENSION = '\f^{}\\[~]|€';

const BASIC = new Set(GSM7_BASIC);
const EXTENSION = new Set(GSM7_EXTENSION);

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsCount {
  encoding: SmsEncoding;
  /** Characters as the network counts them: septets (GSM-7, extension chars count 2) or UTF-16 units (UCS-2). */
  units: number;
  /** Message parts: 160/153 septets (GSM-7) or 70/67 units (UCS-2) per part; 0 when empty. */
  segments: number;
  /** Units left before the next part starts. */
  remaining: number;
}

/**
 * Counts an SMS the way the network bills it (3GPP TS 23.038 / 23.040): GSM-7 when every
 * character is in the default alphabet or its extension (^ { } \ [ ~ ] | € and form feed
 * cost two), else UCS-2 (UTF-16 code units, so an emoji costs two). A single part holds
 * 160 septets or 70 units; a concatenated one loses its user-data header: 153 or 67.
 */
export function countSms(text: string): SmsCount {
  let septets = 0;
  let gsm = true;
  for (const ch of text) {
    if (BASIC.has(ch)) septets += 1;
    else if (EXTENSION.has(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  const encoding: SmsEncoding = gsm ? 'gsm7' : 'ucs2';
  const units = gsm ? septets : text.length;
  const [single, multi] = gsm ? [160, 153] : [70, 67];
  if (units === 0) return { encoding, units, segments: 0, remaining: single };
  const segments = units <= single ? 1 : Math.ceil(units / multi);
  const capacity = segments === 1 ? single : segments * multi;
  return { encoding, units, segments, remaining: capacity - units };
}

/** The placeholders a template may use (settings, « Modèles SMS »), in their unaccented form. */
export const SMS_PLACEHOLDERS = ['prenom', 'nom', 'agent', 'succursale', 'stock'] as const;
export type SmsPlaceholder = (typeof SMS_PLACEHOLDERS)[number];
export type SmsValues = Partial<Record<SmsPlaceholder, string | null>>;

/** A `{mot}` in a text: letters (accented too), digits and underscores, spaces inside tolerated. */
const PLACEHOLDER = /\{\s*([\p{L}\p{N}_]+)\s*\}/gu;

/**
 * The placeholder a `{…}` names: case and accents do not count, so `{Prénom}`, `{prénom}`
 * and `{prenom}` are one — the settings wrote `{prénom}` while the filler knew only `{prenom}`.
 */
export function placeholderKey(raw: string): string {
  return raw.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export interface FilledTemplate {
  text: string;
  /** Known placeholders the template used but that had no value (left blank in `text`). */
  missing: SmsPlaceholder[];
}

/**
 * Fills `{prenom}`, `{nom}`, `{agent}`, `{succursale}` and `{stock}` (case- and
 * accent-insensitive: `{Prénom}` works) in a template. A known placeholder without a value
 * becomes empty and is reported in `missing` so the dialog can warn; an unknown `{mot}` is
 * left as typed ({@link placeholdersLeft} finds it before sending). The spaces a blank
 * leaves doubled are collapsed.
 */
export function fillTemplate(body: string, values: SmsValues): FilledTemplate {
  const missing = new Set<SmsPlaceholder>();
  const known = new Set<string>(SMS_PLACEHOLDERS);
  const text = body.replace(PLACEHOLDER, (whole, raw: string) => {
    const key = placeholderKey(raw);
    if (!known.has(key)) return whole;
    const value = values[key as SmsPlaceholder]?.trim() ?? '';
    if (value === '') missing.add(key as SmsPlaceholder);
    return value;
  });
  return {
    text: missing.size > 0 ? text.replace(/ {2,}/g, ' ').replace(/ ([.,!?;:])/g, '$1') : text,
    missing: SMS_PLACEHOLDERS.filter((p) => missing.has(p)),
  };
}

/**
 * Every `{mot}` still in a text about to be sent, as typed, once each: an unknown variable
 * of the template, or one the agent typed by hand. Sent as is, the client would read it raw.
 */
export function placeholdersLeft(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[0]))];
}
