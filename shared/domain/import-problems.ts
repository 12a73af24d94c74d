import { fillTemplate, type TemplateValues } from '../template';

/**
 * What can be wrong with a lead file, by code. The services report each problem with its
 * code and values (and this English text, for logs and the batch history); the console
 * shows it in the agent's language from the code (renderer/features/imports/locales.ts),
 * so the same templates are the English strings there. `{{name}}` is a value.
 */
export const IMPORT_PROBLEMS = {
  // The file as a whole.
  file_too_large: 'the file is larger than {{mb}} MB',
  file_nul: 'the file holds NUL bytes: it is not a text file',
  file_failed: 'the file could not be imported; see the log',
  decode_bad_utf8:
    'the file is not valid UTF-8: byte 0x{{byte}} at line {{at}} (save it as UTF-8, or declare its encoding)',
  decode_unknown_charset: 'the file declares the encoding "{{value}}", which Poste does not read',
  // XML, as the reader finds it.
  xml_too_large: 'the document is larger than {{mb}} MB',
  xml_empty: 'no XML element in the document',
  xml_text_after_root: 'text after the end of the root element',
  xml_text_too_long: '<{{element}}> holds more than {{max}} characters of text',
  xml_comment_truncated: 'the document ends inside a comment (truncated)',
  xml_comment_too_long: 'a comment longer than {{max}} characters is refused',
  xml_cdata_truncated: 'the document ends inside a CDATA section (truncated)',
  xml_cdata_outside: 'CDATA outside the root element',
  xml_doctype: 'DOCTYPE and ENTITY declarations are refused (entity expansion and external entities are unsafe)',
  xml_declaration: 'unknown markup declaration "<!…" is refused',
  xml_pi_truncated: 'the document ends inside a processing instruction (truncated)',
  xml_close_truncated: 'the document ends inside the closing tag </{{element}}> (truncated)',
  xml_close_unreadable: 'unreadable closing tag </{{element}}',
  xml_close_unopened: 'closing tag </{{element}}> without an opening tag',
  xml_close_mismatch: 'closing tag </{{element}}> does not match <{{open}}> opened at line {{openLine}}',
  xml_ends_with_lt: 'the document ends with "<" (truncated)',
  xml_tag_truncated: 'the document ends inside the tag <{{element}}> (truncated)',
  xml_tag_unclosed: 'the tag <{{element}}> is not closed with ">"',
  xml_attribute_truncated: 'the document ends inside an attribute of <{{element}}> (truncated)',
  xml_too_many_attributes: '<{{element}}> has more than {{max}} attributes',
  xml_attribute_too_long: 'an attribute of <{{element}}> is too long',
  xml_too_many_elements: 'more than {{max}} elements',
  xml_second_root: 'a second root element <{{element}}> after </{{root}}>',
  xml_too_deep: 'elements nested deeper than {{max}} levels',
  xml_truncated: 'the document ends before </{{element}}> (opened at line {{openLine}}): truncated',
  // ADF, a document that is XML.
  adf_wrong_root: 'the root element is <{{element}}>, not <adf>: this is not an ADF/XML lead',
  adf_no_prospect: 'the file has no <prospect>',
  adf_too_many_prospects: 'the file has {{count}} prospects; at most {{max}} per file',
  adf_bad_requestdate: 'unreadable request date "{{value}}": the import time is used',
  adf_no_requestdate: 'no <requestdate>: the import time is used',
  adf_bad_year: 'unreadable year "{{value}}": left empty',
  adf_no_customer: 'the prospect has no <customer>',
  adf_no_contact: 'the customer has no <contact>',
  adf_no_name: 'the contact has no name (<name part="first|last|full">)',
  adf_no_means: 'the contact has no phone and no e-mail',
  // A lead's numbers and addresses (ADF and CSV).
  bad_phone: '"{{value}}" is not a phone number',
  bad_email: '"{{value}}" is not an e-mail address',
  bad_phone_skipped: '"{{value}}" is not a phone number (skipped)',
  bad_email_skipped: '"{{value}}" is not an e-mail address (skipped)',
  // CSV.
  csv_empty: 'the file is empty',
  csv_quote_unclosed: 'a quoted field is never closed',
  csv_text_after_quote: 'text after a closing quote (a quote inside a field must be doubled: "")',
  csv_too_many_rows: 'more than {{max}} rows: split the file',
  csv_mapping_no_column: '{{field}}: column {{column}} does not exist',
  csv_mapping_no_name: 'map a name column (first name, last name or full name)',
  csv_mapping_no_means: 'map a phone or an e-mail column',
  csv_columns: '{{count}} columns where the header has {{header}}',
  csv_no_name: 'no name',
  csv_no_means: 'no phone and no e-mail',
  csv_bad_type: 'unknown lead type "{{value}}"',
  csv_bad_date: 'unreadable date "{{value}}" (expected 2026-03-09 or 2026-03-09 14:05)',
  csv_bad_year: 'unreadable year "{{value}}"',
  // E-mails carrying a lead.
  eml_no_headers: 'this is not an e-mail: it has no headers',
  eml_too_many_parts: 'the e-mail has more than {{max}} parts',
  eml_too_deep: 'the e-mail nests its parts too deeply',
  eml_no_boundary: 'a multipart part has no boundary',
  eml_unknown_charset: 'a part of the e-mail uses the charset "{{value}}", which Poste does not read',
  eml_no_adf: 'no part of this e-mail carries an ADF/XML lead (<?adf …?> or <adf>)',
} as const;

export type ImportProblemCode = keyof typeof IMPORT_PROBLEMS;
export type ImportProblemParams = TemplateValues;

/** A problem's English text: its template with the values put in. */
export function importProblemText(code: ImportProblemCode, params: ImportProblemParams = {}): string {
  return fillTemplate(IMPORT_PROBLEMS[code], params);
}
