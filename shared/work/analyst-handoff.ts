/**
 * AN-1 — 002 « Passe aux analystes » : « Dans votre courriel, vous devez absolument avoir les
 * informations suivantes : CRE · Prénom, nom · Numéro de téléphone · Langue · Raison(s) ».
 * One definition of what the mail must carry, for the services (which refuse to compose it)
 * and the console's dialog (which says what is missing before it asks).
 */
export const ANALYST_FIELDS = ['cre', 'firstName', 'lastName', 'phone', 'language', 'reasons'] as const;
export type AnalystField = (typeof ANALYST_FIELDS)[number];

export type AnalystHandoffFields = Record<AnalystField, string | null>;

/** The fields AN-1 asks for that are blank, in 002's order. */
export function missingAnalystFields(fields: AnalystHandoffFields): AnalystField[] {
  return ANALYST_FIELDS.filter((f) => {
    const value = fields[f];
    return value === null || value.trim() === '';
  });
}
