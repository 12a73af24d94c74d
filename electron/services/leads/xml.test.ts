import { describe, expect, it } from 'vitest';
import { parseXml, XmlError } from './xml';

/** The XmlError a document is refused with (the test fails if it is read). */
function refusal(text: string): XmlError {
  try {
    parseXml(text);
  } catch (error) {
    if (error instanceof XmlError) return error;
    throw error;
  }
  throw new Error('the document was read');
}

describe('parseXml reports where a refused document goes wrong', () => {
  it('a document with no element is a problem of the whole document: no line (0), no path', () => {
    for (const text of ['hello', 'hello\n', 'hello\r\n', '\n\n\n', '', '<?xml version="1.0"?>\n<!-- nothing -->\n']) {
      const error = refusal(text);
      expect([error.code, error.line, error.path]).toEqual(['xml_empty', 0, '']);
    }
  });

  it('a truncated document ends on the line of its last character, a final newline included', () => {
    expect(refusal('<adf>\n<prospect>').line).toBe(2);
    expect(refusal('<adf>\n<prospect>\n').line).toBe(2);
    expect(refusal('<adf>\r\n<prospect>\r\n').line).toBe(2);
    expect(refusal('<adf><prospect>\n').line).toBe(1);
    expect(refusal('<adf>\n<prospect>\n').path).toBe('adf/prospect');
  });
});
