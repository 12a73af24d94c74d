/** Values put into a text's `{{name}}` places (the same places i18next fills in the console). */
export type TemplateValues = Readonly<Record<string, string | number>>;

/** An English template with its values put in; a place without a value stays as written. */
export function fillTemplate(template: string, values: TemplateValues = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
