import { importProblemText, type ImportProblemCode, type ImportProblemParams } from '../../../shared/domain/import-problems';

/**
 * A small, tolerant XML reader for ADF/XML leads. ADF 1.0's own example is not well-formed
 * (`<?ADF VERSION "1.0"?>`, `<id sequence=1 …>`), and providers copy it, so the reader is
 * lenient where only form is at stake: processing instructions of any shape are skipped,
 * attribute values may be unquoted or missing, names are read case-insensitively, a bare `&`
 * or an unknown entity stays literal text. It is strict where safety is at stake: a DOCTYPE
 * or ENTITY declaration is refused outright (no entity expansion, no external entities), and
 * the document, every text, every comment, the depth and the element count are capped.
 * Every element remembers its line, so an import can report `adf/prospect[2]/…` at line N.
 */

export interface XmlElement {
  /** Lower-cased name. */
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (children's text excluded), entities decoded, not trimmed. */
  text: string;
  line: number;
  /** Position among its parent's children of the same name, from 1 (for paths). */
  index: number;
  parent: XmlElement | null;
  /**
   * How many children of its parent share its name, itself included (for paths: a step gets
   * [n] when it has twins). Known once the parent is closed, which parseXml guarantees.
   */
  twins: number;
}

export interface XmlLimits {
  /** Characters in the whole document. */
  maxChars: number;
  maxDepth: number;
  maxElements: number;
  /** Characters of one element's text (CDATA included). */
  maxTextChars: number;
  maxCommentChars: number;
  maxAttributes: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxChars: 32 * 1024 * 1024,
  maxDepth: 48,
  maxElements: 4_000_000,
  maxTextChars: 256 * 1024,
  maxCommentChars: 64 * 1024,
  maxAttributes: 32,
};

/** A document the reader refuses, with why (a problem code and its values) and where: the open element's path and the line. */
export class XmlError extends Error {
  constructor(
    readonly code: ImportProblemCode,
    readonly params: ImportProblemParams,
    readonly line: number,
    readonly path: string,
  ) {
    super(importProblemText(code, params));
    this.name = 'XmlError';
  }
}

/** Character classes by code, not by regex: the tokenizer's hot loops test every character. */
const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 58) || c === 45 || c === 46;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** Whitespace that textOf must collapse: two or more in a row, or any but a plain space. */
const RUN_OF_SPACE = /\s{2}|[^\S ]/;
const NO_ATTRIBUTES: Record<string, string> = Object.freeze(Object.create(null) as Record<string, string>);

/** Decodes the five predefined entities and character references; anything else stays literal. */
export function decodeEntities(raw: string): string {
  if (raw.indexOf('&') < 0) return raw;
  return raw.replace(/&(#[xX][0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[A-Za-z]{2,4});/g, (whole, ref: string) => {
    if (ref.charCodeAt(0) === 35 /* # */) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      const valid =
        code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0x10ffff);
      return valid && !(code >= 0xfffe && code <= 0xffff) ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[ref] ?? whole;
  });
}

/**
 * Parses a document into its root element. Throws XmlError on what cannot be read safely
 * or unambiguously: truncation, mismatched closing tags, declarations, oversized parts.
 */
export function parseXml(text: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlElement {
  if (text.length > limits.maxChars) {
    throw new XmlError('xml_too_large', { mb: Math.round(limits.maxChars / 1024 / 1024) }, 1, '');
  }
  // Line numbers are counted forward as the cursor advances (the reader never goes back).
  // The next newline is remembered, not searched for again from each element: on a file
  // written on one line (common from providers' systems) that search ran to the end of the
  // document for every element, which made reading quadratic in the file's size.
  let line = 1;
  let nextNewline = text.indexOf('\n');
  const lineAt = (pos: number): number => {
    while (nextNewline >= 0 && nextNewline < pos) {
      line++;
      nextNewline = text.indexOf('\n', nextNewline + 1);
    }
    return line;
  };

  const stack: XmlElement[] = [];
  /** What an open element collects: its text, and how many children of each name so far. */
  interface Frame {
    text: string;
    counts: Map<string, number> | null;
  }
  const frames: Frame[] = [];
  let root: XmlElement | null = null;
  let elements = 0;
  const pathOf = () => (stack.length ? elementPath(stack[stack.length - 1]!) : '');
  const fail = (code: ImportProblemCode, pos: number, params: ImportProblemParams = {}): never => {
    throw new XmlError(code, params, lineAt(pos), pathOf());
  };

  const appendText = (segment: string, pos: number) => {
    if (segment === '') return;
    const top = stack[stack.length - 1];
    if (!top) {
      if (segment.trim() !== '') {
        // Text outside the root: a banner before the XML (lenient) but never after it.
        if (root) fail('xml_text_after_root', pos);
      }
      return;
    }
    const frame = frames[frames.length - 1]!;
    frame.text += segment;
    if (frame.text.length > limits.maxTextChars) fail('xml_text_too_long', pos, { element: top.name, max: limits.maxTextChars });
  };

  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      appendText(decodeEntities(text.slice(i)), i);
      break;
    }
    if (lt > i) appendText(decodeEntities(text.slice(i, lt)), i);
    const next = text.charCodeAt(lt + 1);
    if (next === 33 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        if (end < 0) fail('xml_comment_truncated', lt);
        if (end - lt - 4 > limits.maxCommentChars) fail('xml_comment_too_long', lt, { max: limits.maxCommentChars });
        i = end + 3;
        continue;
      }
      if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        if (end < 0) fail('xml_cdata_truncated', lt);
        if (!stack.length) fail('xml_cdata_outside', lt);
        appendText(text.slice(lt + 9, end), lt);
        i = end + 3;
        continue;
      }
      const word = text.slice(lt + 2, lt + 10).toUpperCase();
      if (word.startsWith('DOCTYPE') || word.startsWith('ENTITY')) {
        fail('xml_doctype', lt);
      }
      fail('xml_declaration', lt);
    }
    if (next === 63 /* ? */) {
      // Processing instructions of any shape (<?xml …?>, <?adf version="1.0"?>, <?ADF VERSION "1.0"?>).
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) fail('xml_pi_truncated', lt);
      i = end + 2;
      continue;
    }
    if (next === 47 /* / */) {
      let j = lt + 2;
      while (j < n && isNameChar(text.charCodeAt(j))) j++;
      const name = text.slice(lt + 2, j).toLowerCase();
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      if (j >= n) fail('xml_close_truncated', lt, { element: name });
      if (text[j] !== '>') fail('xml_close_unreadable', lt, { element: name });
      const top = stack[stack.length - 1];
      if (!top) fail('xml_close_unopened', lt, { element: name });
      if (top!.name !== name) {
        fail('xml_close_mismatch', lt, { element: name, open: top!.name, openLine: top!.line });
      }
      const frame = frames.pop()!;
      top!.text = frame.text;
      if (frame.counts) for (const child of top!.children) child.twins = frame.counts.get(child.name) ?? 1;
      stack.pop();
      i = j + 1;
      continue;
    }
    if (lt + 1 >= n) fail('xml_ends_with_lt', lt);
    if (!isNameStart(text.charCodeAt(lt + 1))) {
      // A lone "<" in text (e.g. "budget < 30 000 $"): kept as text, the lenient reading.
      appendText('<', lt);
      i = lt + 1;
      continue;
    }
    // Start tag.
    let j = lt + 1;
    while (j < n && isNameChar(text.charCodeAt(j))) j++;
    const name = text.slice(lt + 1, j).toLowerCase();
    // Most elements have no attribute: they share one empty, frozen record.
    let attrs = NO_ATTRIBUTES;
    let count = 0;
    let selfClosing = false;
    for (;;) {
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      if (j >= n) fail('xml_tag_truncated', lt, { element: name });
      const c = text[j]!;
      if (c === '>') {
        j++;
        break;
      }
      if (c === '/' && text[j + 1] === '>') {
        selfClosing = true;
        j += 2;
        break;
      }
      if (c === '<') fail('xml_tag_unclosed', lt, { element: name });
      // Attribute name (lenient: anything up to =, space, / or >).
      const start = j;
      for (let c = text.charCodeAt(j); j < n && !isSpace(c) && c !== 61 && c !== 47 && c !== 62; c = text.charCodeAt(++j));
      if (j === start) {
        j++;
        continue;
      }
      const attrName = text.slice(start, j).toLowerCase();
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      let value = '';
      if (text[j] === '=') {
        j++;
        while (j < n && isSpace(text.charCodeAt(j))) j++;
        const q = text[j];
        if (q === '"' || q === "'") {
          const end = text.indexOf(q, j + 1);
          if (end < 0) fail('xml_attribute_truncated', lt, { element: name });
          value = text.slice(j + 1, end);
          j = end + 1;
        } else {
          const vs = j;
          while (j < n && !isSpace(text.charCodeAt(j)) && text.charCodeAt(j) !== 62 && !(text[j] === '/' && text[j + 1] === '>')) j++;
          value = text.slice(vs, j);
        }
      }
      if (++count > limits.maxAttributes) fail('xml_too_many_attributes', lt, { element: name, max: limits.maxAttributes });
      if (value.length > limits.maxTextChars) fail('xml_attribute_too_long', lt, { element: name });
      if (attrs === NO_ATTRIBUTES) attrs = Object.create(null) as Record<string, string>;
      attrs[attrName] = decodeEntities(value);
    }
    if (++elements > limits.maxElements) fail('xml_too_many_elements', lt, { max: limits.maxElements });
    const parent = stack[stack.length - 1];
    if (!parent && root) fail('xml_second_root', lt, { element: name, root: root.name });
    if (stack.length >= limits.maxDepth) fail('xml_too_deep', lt, { max: limits.maxDepth });
    let index = 1;
    if (parent) {
      const frame = frames[frames.length - 1]!;
      frame.counts ??= new Map();
      index = (frame.counts.get(name) ?? 0) + 1;
      frame.counts.set(name, index);
    }
    const element: XmlElement = { name, attrs, children: [], text: '', line: lineAt(lt), index, parent: parent ?? null, twins: 1 };
    if (parent) parent.children.push(element);
    else root = element;
    if (!selfClosing) {
      stack.push(element);
      frames.push({ text: '', counts: null });
    }
    i = j;
  }
  if (stack.length) {
    // The document ends on the line of its last character: a final newline ends that line,
    // it does not open one more (a 10-line file is truncated at line 10, not 11).
    const open = stack[stack.length - 1]!;
    throw new XmlError('xml_truncated', { element: open.name, openLine: open.line }, lineAt(n - 1), elementPath(open));
  }
  // No element at all is a problem of the whole document, not of one line: line 0, which
  // the reports show without a line (like the CSV mapping's problems).
  if (!root) throw new XmlError('xml_empty', {}, 0, '');
  return root;
}

/** Children of an element with a given (lower-case) name. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

export function firstChild(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

/** Trimmed text with inner whitespace collapsed; null when empty. */
export function textOf(element: XmlElement | undefined): string | null {
  if (!element) return null;
  const raw = element.text;
  // Most texts hold no run of spaces, tab or newline: only trimmed, without a new string.
  const value = (RUN_OF_SPACE.test(raw) ? raw.replace(/\s+/g, ' ') : raw).trim();
  return value === '' ? null : value;
}

/**
 * The element's path from the root, `adf/prospect[2]/customer/contact/phone`: a step gets
 * its [n] when its parent has more than one child of that name.
 */
export function elementPath(element: XmlElement): string {
  const steps: string[] = [];
  for (let e: XmlElement | null = element; e; e = e.parent) {
    steps.push(e.twins > 1 || e.index > 1 ? `${e.name}[${e.index}]` : e.name);
  }
  return steps.reverse().join('/');
}
