import { fold, isUnaccented, stripAccents } from "./normalize.js";

// The phrase grammar of the lexicons, compiled to regular expressions over folded text.
//
//   plain words        "nothing i can do"     words in order; spaces match any spacing
//   (a|b|c)            "(our|company) policy" alternatives; "(our )?policy" is optional
//   ?  +               "refunds?" "\d+"      the letter or group before it is optional / repeats
//   *                  "against * policy"     a few words (up to 30 characters) in between
//   '                  "that's"               also matches "thats"
//   \d \+ \?          "\d+ hours"            a digit, a literal + or ? (regex escapes)
//   {name}             "{refuse} * {policy}"  a list defined under `define:` in the lexicon
//   A ~ B              "polic(y|ies) ~ {refuse}"  both in the same sentence, any order
//   /regex/            "/\bno (?:manager|supervisor)s? (?:is )?available/"   as written
//
// Words are matched whole, with Unicode-aware boundaries (not \b, which only knows ASCII): a
// phrase in Latin, Cyrillic or Vietnamese must not start or end inside a word. Chinese, Japanese
// and Thai have no spaces, so a phrase in them may start and end anywhere.

const UNSPACED_CLASS = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}";
/** A letter or digit of a spaced script: what may not touch a phrase's ends. */
const SPACED_WORD_CHAR = `(?:(?![${UNSPACED_CLASS}])[\\p{L}\\p{M}\\p{N}])`;
const START = `(?<!${SPACED_WORD_CHAR})`;
const END = `(?!${SPACED_WORD_CHAR})`;
const WILDCARD = "[^.!?。！？\\n]{0,30}?";
/** Where sentences end, for `~` and for the negation window. */
export const SENTENCE_END = /[.!?。！？;；\n]+/u;
const CLAUSE_END = /[.!?。！？;；,，、:：\n]/u;

export interface CompiledPattern {
  /** As written in the lexicon, for evidence and error messages. */
  source: string;
  /** One regex per `~` part; a single part for ordinary phrases. */
  parts: RegExp[];
  /** The same parts without accents, tried on text typed without accents (null for /regex/). */
  bare: RegExp[] | null;
}

export interface PatternMatch {
  pattern: CompiledPattern;
  /** Offsets into the folded text: the earliest part's match. */
  index: number;
  end: number;
  /** The matched text, for evidence. */
  text: string;
}

const escape = (ch: string) => (/[\\^$.()[\]{}|/*]/.test(ch) ? `\\${ch}` : ch);

/** One phrase (no `~`) to a regex source. Throws Error with a readable reason on bad syntax. */
function phraseToRegex(phrase: string, defines: ReadonlyMap<string, string>, depth = 0): string {
  if (depth > 5) throw new Error("{name} definitions refer to each other in a loop");
  let out = "";
  let open = 0;
  for (let i = 0; i < phrase.length; i++) {
    const ch = phrase[i]!;
    if (ch === "{") {
      const close = phrase.indexOf("}", i);
      if (close < 0) throw new Error(`unclosed "{" in "${phrase}"`);
      const name = phrase.slice(i + 1, close).trim();
      const body = defines.get(name);
      if (body === undefined) throw new Error(`{${name}} is not defined (add it under "define:")`);
      out += `(?:${phraseToRegex(body, defines, depth + 1)})`;
      i = close;
    } else if (ch === "(") {
      open++;
      out += "(?:";
    } else if (ch === ")") {
      if (--open < 0) throw new Error(`unbalanced ")" in "${phrase}"`);
      out += ")";
    } else if (ch === "?" || ch === "+") {
      out += ch; // the letter or group before it is optional / may repeat
    } else if (ch === "|") {
      out += "|";
    } else if (ch === "\\" && i + 1 < phrase.length) {
      out += `\\${phrase[++i]}`; // a regex escape: \d for a digit, \+ for a plus sign
    } else if (ch === "*") {
      out += WILDCARD;
    } else if (/\s/.test(ch)) {
      while (i + 1 < phrase.length && /\s/.test(phrase[i + 1]!)) i++;
      out += "\\s*";
    } else if (ch === "'") {
      out += "'?";
    } else {
      out += escape(ch);
    }
  }
  if (open !== 0) throw new Error(`unbalanced "(" in "${phrase}"`);
  return out;
}

function compileSource(source: string, defines: ReadonlyMap<string, string>, accents: boolean): RegExp[] {
  return source.split(/\s+~\s+/).map((part) => {
    const folded = accents ? fold(part) : stripAccents(fold(part));
    return new RegExp(`${START}(?:${phraseToRegex(folded, defines)})${END}`, "gu");
  });
}

/** Compiles one lexicon entry; throws Error (with the reason) when it is not valid. */
export function compilePattern(source: string, defines: ReadonlyMap<string, string> = new Map()): CompiledPattern {
  const trimmed = source.trim();
  if (trimmed === "") throw new Error("empty phrase");
  const regex = /^\/(.+)\/([a-z]*)$/s.exec(trimmed);
  if (regex) {
    let re: RegExp;
    try {
      re = new RegExp(regex[1]!, `gu${regex[2]!.replace(/[gu]/g, "")}`);
    } catch (e) {
      throw new Error(`invalid regular expression: ${(e as Error).message}`);
    }
    return { source: trimmed, parts: [re], bare: null };
  }
  const strippedDefines = new Map([...defines].map(([k, v]) => [k, stripAccents(fold(v))]));
  const parts = compileSource(trimmed, defines, true);
  const bareSource = stripAccents(fold(trimmed));
  const bare = bareSource === fold(trimmed) && [...defines.values()].every((v) => stripAccents(fold(v)) === fold(v))
    ? null // nothing to strip: the accented form already covers it
    : compileSource(trimmed, strippedDefines, false);
  return { source: trimmed, parts, bare };
}

function firstMatch(re: RegExp, text: string, from = 0): RegExpExecArray | null {
  re.lastIndex = from;
  return re.exec(text);
}

/** Sentence spans [start, end) of a text. */
function sentences(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const re = new RegExp(SENTENCE_END.source, "gu");
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    spans.push([start, m.index + m[0].length]);
    start = m.index + m[0].length;
  }
  if (start < text.length) spans.push([start, text.length]);
  return spans;
}

/** Every match of a pattern in a folded text (for a `~` pattern, one per sentence that has all parts). */
export function matchAll(pattern: CompiledPattern, text: string, bareText?: string): PatternMatch[] {
  const found: PatternMatch[] = [];
  const tryParts = (parts: RegExp[], subject: string) => {
    if (parts.length === 1) {
      const re = parts[0]!;
      re.lastIndex = 0;
      for (let m = re.exec(subject); m; m = re.exec(subject)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        found.push({ pattern, index: m.index, end: m.index + m[0].length, text: text.slice(m.index, m.index + m[0].length) });
      }
      return;
    }
    for (const [from, to] of sentences(subject)) {
      const sentence = subject.slice(0, to);
      const hits = parts.map((re) => firstMatch(re, sentence, from));
      if (hits.some((h) => h === null)) continue;
      const index = Math.min(...hits.map((h) => h!.index));
      const end = Math.max(...hits.map((h) => h!.index + h![0].length));
      found.push({ pattern, index, end, text: text.slice(index, end) });
    }
  };
  tryParts(pattern.parts, text);
  // Stripped-accent form: only for messages typed without accents, so accented text keeps
  // telling Vietnamese words apart.
  if (found.length === 0 && pattern.bare && bareText !== undefined) tryParts(pattern.bare, bareText);
  return found;
}

/** A message prepared once for many patterns. */
export interface PreparedText {
  folded: string;
  /** Same length as folded; set only when the message was typed without accents. */
  bare?: string;
}

export function prepare(folded: string): PreparedText {
  // Stripping accents from an unaccented text changes nothing but đ; lengths stay equal.
  return isUnaccented(folded) ? { folded, bare: stripAccents(folded) } : { folded };
}

/** The words just before a position, inside its clause: where a negation would stand. */
export function clauseBefore(text: string, index: number, words: number): string {
  let start = index;
  while (start > 0 && !CLAUSE_END.test(text[start - 1]!)) start--;
  const before = text.slice(start, index).trim();
  const tokens = before.split(/\s+/).filter(Boolean);
  let tail = tokens.slice(-words).join(" ");
  // In unspaced scripts a clause is one "word": keep its last few characters instead.
  const last = tokens[tokens.length - 1] ?? "";
  if (new RegExp(`[${UNSPACED_CLASS}]$`, "u").test(last)) tail = [...last].slice(-(words + 1)).join("");
  return tail;
}
