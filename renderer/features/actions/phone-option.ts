import { PHONE_KINDS } from '../../../shared/domain/model';

/**
 * A number in the Appeler / BLEAD / SMS pickers: « (450) 555-5440 (Maison) », the kind in
 * words as zone 2 says it (`actions:phoneKinds.*`), never the raw id; an unknown kind is left out.
 */
export function phoneOption(t: (key: string) => string, phone: { national: string; kind: string }): string {
  return (PHONE_KINDS as readonly string[]).includes(phone.kind)
    ? `${phone.national} (${t(`phoneKinds.${phone.kind}`)})`
    : phone.national;
}
