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
//   A ~~ B             "{refuse} ~~ that's our policy"  both in the same message, any order
//   /regex/            "/no (?:manager|supervisor)s? (?:is )?available/"   as written
//
// Words are matched whole, with Unicode-aware boundaries (not \b, which only knows ASCII): a
// phrase in Latin, Cyrillic or Vietnamese must not start or end inside a word. Chinese, Japanese
// and Thai have no spaces, so a phrase in them may start and end anywhere.

const UNSPACED_CLASS = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}";
/**
 * A letter, mark or digit of a script written with spaces (Latin with Vietnamese, Greek,
 * Cyrillic, Armenian, Hebrew, Arabic, Indic, Georgian, Hangul), after folding to lower case:
 * what may not touch a phrase's ends. Written as ranges because Unicode property classes
 * (\p{L}) make each regex cost half a millisecond to build, and the lexicons hold hundreds.
 */
const SPACED_WORD_CHAR = "[a-z0-9\\u00aa\\u00b5\\u00ba\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u02af\\u0300-\\u036f\\u0370-\\u03ff\\u0400-\\u052f\\u0531-\\u058f\\u0591-\\u05f4\\u0600-\\u06ff\\u0900-\\u0dff\\u10a0-\\u10ff\\u1100-\\u11ff\\u1e00-\\u1fff\\uac00-\\ud7af]";
// A boundary only where the phrase's own edge is such a letter: "送您" still matches in "送您50元",
// "policy #" in "policy #123", while "refund" does not match inside "refunds2go".
export const START = `(?<!${SPACED_WORD_CHAR}(?=${SPACED_WORD_CHAR}))`;
export const END = `(?!(?<=${SPACED_WORD_CHAR})${SPACED_WORD_CHAR})`;
const WILDCARD = "[^.!?。！？\\n]{0,30}?";
/** Where sentences end, for `~` and for the negation window. */
// (A point before a digit is part of a number: "clause 7.3", "v2.1".)
export const SENTENCE_END = /(?:[!?。！？;；\n]|\.(?!\d))+/u;
const CLAUSE_END = /[.!?。！？;；,，、:：\n]/u;
const ENDS_UNSPACED = new RegExp(`[${UNSPACED_CLASS}]$`, "u");

export interface CompiledPattern {
  /** As written in the lexicon, for evidence and error messages. */
  source: string;
  /** One regex per `~` part; a single part for ordinary phrases. */
  parts: RegExp[];
  /** Where all parts must be: one sentence (`~`) or anywhere in the message (`~~`). */
  scope: "sentence" | "message";
  /** The same parts without accents, tried on text typed without accents (null for /regex/). */
  bare: RegExp[] | null;
  /** For phrases in Cyrillic: the same parts in the Latin letters Bulgarian is often typed in online. */
  latin: RegExp[] | null;
}

export interface PatternMatch {
  pattern: CompiledPattern;
  /** Offsets into the folded text: the earliest part's match. */
  index: number;
  end: number;
  /** The matched text, for evidence. */
  text: string;
}

const SPECIAL = new Set("\\^$.()[]{}|/*");
const escape = (ch: string) => (SPECIAL.has(ch) ? `\\${ch}` : ch);

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

/** Definitions are already folded (and stripped of accents for the bare form). */
function compileSource(source: string, defines: ReadonlyMap<string, string>, accents: boolean): RegExp[] {
  return source.split(/\s+~~?\s+/).map((part) => {
    const folded = accents ? fold(part) : stripAccents(fold(part));
    return new RegExp(`${START}(?:${phraseToRegex(folded, defines)})${END}`, "gu");
  });
}

/** A lexicon's definitions folded once, with and without accents. */
interface FoldedDefines {
  accented: Map<string, string>;
  bare: Map<string, string>;
  accentFree: boolean;
}
const foldedDefines = new WeakMap<ReadonlyMap<string, string>, FoldedDefines>();
function foldDefines(defines: ReadonlyMap<string, string>): FoldedDefines {
  let f = foldedDefines.get(defines);
  if (!f) {
    const accented = new Map([...defines].map(([k, v]) => [k, fold(v)]));
    const bare = new Map([...accented].map(([k, v]) => [k, stripAccents(v)]));
    f = { accented, bare, accentFree: [...accented].every(([k, v]) => bare.get(k) === v) };
    foldedDefines.set(defines, f);
  }
  return f;
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
    return { source: trimmed, parts: [re], bare: null, latin: null, scope: "sentence" };
  }
  const sentenceParts = /\s~\s/.test(trimmed);
  const messageParts = /\s~~\s/.test(trimmed);
  if (sentenceParts && messageParts) throw new Error(`"~" and "~~" in one phrase: use one of them`);
  const folded = foldDefines(defines);
  const parts = compileSource(trimmed, folded.accented, true);
  // Nothing to strip: the accented form already covers text typed without accents.
  const bare = stripAccents(fold(trimmed)) === fold(trimmed) && folded.accentFree ? null : compileSource(trimmed, folded.bare, false);
  const latin = parts.some((re) => CYRILLIC_LETTER.test(re.source)) ? parts.map((re) => new RegExp(latinized(re.source), re.flags)) : null;
  return { source: trimmed, parts, bare, latin, scope: messageParts ? "message" : "sentence" };
}

const CYRILLIC_LETTER = /[\u0430-\u044f\u0450-\u045f]/u;
/**
 * How Bulgarian is typed in Latin letters ("shlyokavitsa": "kolko puti", "4akam", "sy6toto"):
 * each Cyrillic letter of a phrase also matches its usual spellings.
 */
const LATIN_SPELLINGS: Record<string, string> = {
  а: "a", б: "b", в: "[vw]", г: "g", д: "d", е: "e", ж: "(?:zh|j|z)", з: "z", и: "i", й: "[iyj]", к: "k", л: "l",
  м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "[hx]", ц: "(?:ts|tz|c)",
  ч: "(?:ch|4|c)", ш: "(?:sh|6|s)", щ: "(?:sht|sh|6t|st|6)", ъ: "[auy']?", ь: "[yi]?", ю: "(?:yu|iu|ju|u)",
  я: "(?:ya|ia|ja|q|a)", ѝ: "i", ё: "(?:yo|io|jo)", ы: "[yi]", э: "e", є: "(?:ye|e)", і: "i", ї: "(?:yi|i)",
};
/** A compiled regex source with its Cyrillic letters spelt in Latin ones (character classes left as they are). */
function latinized(source: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === "\\") {
      out += ch + (source[i + 1] ?? "");
      i++;
    } else if (inClass) {
      if (ch === "]") inClass = false;
      out += ch;
    } else if (ch === "[") {
      inClass = true;
      out += ch;
    } else {
      out += LATIN_SPELLINGS[ch] ?? ch;
    }
  }
  return out;
}

/** The next non-empty match at or after `from`. */
function nextMatch(re: RegExp, text: string, from: number): RegExpExecArray | null {
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length > 0) return m;
    re.lastIndex = m.index + 1;
  }
  return null;
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

/** Every match of a pattern in a prepared text (for a `~` pattern, one per sentence that has all parts; for `~~`, one per message). */
export function matchAll(pattern: CompiledPattern, prepared: PreparedText): PatternMatch[] {
  const text = prepared.folded;
  const bareText = prepared.bare;
  const found: PatternMatch[] = [];
  const tryParts = (parts: RegExp[], subject: string) => {
    if (parts.length === 1) {
      for (let m = nextMatch(parts[0]!, subject, 0); m; m = nextMatch(parts[0]!, subject, m.index + m[0].length)) {
        found.push({ pattern, index: m.index, end: m.index + m[0].length, text: text.slice(m.index, m.index + m[0].length) });
      }
      return;
    }
    for (const [from, to] of pattern.scope === "message" ? [[0, subject.length] as [number, number]] : sentences(subject)) {
      const sentence = subject.slice(0, to);
      // Each part on words of its own: "说过两次" is not both "两次" and "说过两次".
      const hits: Array<RegExpExecArray | null> = [];
      for (const re of parts) {
        let m = nextMatch(re, sentence, from);
        while (m && hits.some((h) => h!.index < m!.index + m![0].length && m!.index < h!.index + h![0].length)) m = nextMatch(re, sentence, m.index + 1);
        hits.push(m);
        if (!m) break;
      }
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
  // Latin spellings: only for messages with no Cyrillic letter, so Cyrillic text keeps its own.
  if (found.length === 0 && pattern.latin && prepared.latin) tryParts(pattern.latin, text);
  return found;
}

/** A message prepared once for many patterns. */
export interface PreparedText {
  folded: string;
  /** Same length as folded; set only when the message was typed without accents. */
  bare?: string;
  /** Set when the message has Latin letters and no Cyrillic ones: Cyrillic phrases are tried in Latin spellings. */
  latin?: true;
}

export function prepare(folded: string): PreparedText {
  const latin = /[a-z]/.test(folded) && !CYRILLIC_LETTER.test(folded) ? { latin: true as const } : {};
  // Stripping accents from an unaccented text changes nothing but đ; lengths stay equal.
  return isUnaccented(folded) ? { folded, bare: stripAccents(folded), ...latin } : { folded, ...latin };
}

/** The words just before a position, inside its clause: where a negation would stand. */
export function clauseBefore(text: string, index: number, words: number): string {
  let start = index;
  while (start > 0 && !CLAUSE_END.test(text[start - 1]!)) start--;
  const before = text.slice(start, index).trim();
  const tokens = before.split(/\s+/).filter(Boolean);
  let tail = tokens.slice(-words).join(" ");
  const last = tokens[tokens.length - 1] ?? "";
  // In unspaced scripts a clause is one "word": keep its last few characters instead (two per
  // word, so "并没有“欠费" still reaches 没有).
  if (ENDS_UNSPACED.test(last)) tail = [...last].slice(-2 * (words + 1)).join("");
  return tail;
}
