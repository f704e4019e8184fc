import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, extname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { z } from "zod";
import { UserError } from "../errors.js";
import { fold, stripAccents } from "./normalize.js";
import { clauseBefore, compilePattern, END, matchAll, prepare, START, type CompiledPattern, type PatternMatch, type PreparedText } from "./pattern.js";

// Phrase lexicons: one YAML file per language under rules/lexicons/, so that an operations lead
// can add a phrase without touching code. A rule names phrase groups ("policy-refusal",
// "alternative-offered"); each language's file fills them with phrases of its own.

const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DEFAULT_LEXICONS = resolve(PACKAGE_ROOT, "rules/lexicons");

const GROUP_NAME = /^[a-z0-9][a-z0-9-]*$/;

const lexiconFileSchema = z.strictObject({
  language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "expected a BCP 47 language tag such as en, es or zh-Hant"),
  name: z.string().optional(),
  define: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/, "define names are lower-case words"), z.string().min(1)).default({}),
  negations: z.array(z.string().min(1)).default([]),
  stopwords: z.array(z.string().min(1)).default([]),
  phrases: z.record(z.string().regex(GROUP_NAME, "phrase group names are lower-case words joined by '-'"), z.array(z.string().min(1))).default({}),
});

/** The phrases of one language, compiled. */
export interface Lexicon {
  language: string;
  name?: string;
  files: string[];
  groups: Map<string, CompiledPattern[]>;
  negations: CompiledPattern[];
  stopwords: Set<string>;
}

export interface LexiconSet {
  /** By language tag as written in the files (en, zh-Hant, ...). */
  languages: Map<string, Lexicon>;
  /** Stop words of every language, folded and without accents: for similarity across languages. */
  stopwords: Set<string>;
}

const display = (path: string) => {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") ? path : rel;
};

/** The line of a node at a key path, for error messages (1 when it cannot be found). */
function lineOf(doc: ReturnType<typeof parseDocument>, lines: LineCounter, path: Array<string | number>): number {
  let node: unknown = doc.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === "number") {
      const item = node.items[key] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return lines.linePos(offset).line;
}

function lexiconFiles(path: string): string[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new UserError(`cannot read lexicon ${display(path)}: no such file or folder`);
  }
  if (!stat.isDirectory()) return [path];
  return readdirSync(path)
    .filter((f) => [".yaml", ".yml"].includes(extname(f)))
    .sort()
    .map((f) => join(path, f));
}

function loadFile(path: string, into: Map<string, Lexicon>): void {
  const text = readFileSync(path, "utf8");
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const where = display(path);
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    throw new UserError(`${where}:${err.linePos?.[0]?.line ?? 1}: ${err.message.split("\n")[0]}`);
  }
  const parsed = lexiconFileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = [...issue.path, ...(issue.code === "unrecognized_keys" ? issue.keys.slice(0, 1) : [])].map((p) => (typeof p === "number" ? p : String(p)));
    const what = issue.code === "unrecognized_keys" ? `unknown key '${issue.keys[0]}' (expected language, name, define, negations, stopwords, phrases)` : `${path.join(".") || "file"}: ${issue.message}`;
    throw new UserError(`${where}:${lineOf(doc, lines, path)}: ${what}`);
  }
  const data = parsed.data;
  const defines = new Map(Object.entries(data.define));
  const compile = (source: string, path: Array<string | number>) => {
    try {
      return compilePattern(source, defines);
    } catch (e) {
      throw new UserError(`${where}:${lineOf(doc, lines, path)}: ${(e as Error).message}`, "see README, \"Text rules and lexicons\", for the phrase syntax");
    }
  };
  const key = data.language;
  const existing = [...into.values()].find((l) => l.language.toLowerCase() === key.toLowerCase());
  const lexicon: Lexicon = existing ?? { language: key, name: data.name, files: [], groups: new Map(), negations: [], stopwords: new Set() };
  lexicon.files.push(where);
  for (const [group, phrases] of Object.entries(data.phrases)) {
    const list = lexicon.groups.get(group) ?? [];
    phrases.forEach((p, i) => list.push(compile(p, ["phrases", group, i])));
    lexicon.groups.set(group, list);
  }
  data.negations.forEach((n, i) => lexicon.negations.push(compile(n, ["negations", i])));
  for (const w of data.stopwords) lexicon.stopwords.add(stripAccents(fold(w)));
  into.set(lexicon.language, lexicon);
}

/** Loads lexicon files and folders (every .yaml in a folder), later files adding to earlier ones. */
export function loadLexicons(paths: string[]): LexiconSet {
  const languages = new Map<string, Lexicon>();
  for (const path of paths) for (const file of lexiconFiles(path)) loadFile(file, languages);
  const stopwords = new Set<string>();
  for (const l of languages.values()) for (const w of l.stopwords) stopwords.add(w);
  return { languages, stopwords };
}

let bundled: LexiconSet | undefined;
/** The lexicons shipped in rules/lexicons/, loaded once. */
export function defaultLexicons(): LexiconSet {
  bundled ??= loadLexicons([DEFAULT_LEXICONS]);
  return bundled;
}

export interface PhraseHit {
  match: PatternMatch;
  language: string;
  group: string;
}

/**
 * One regex per pattern list that matches wherever any of its patterns could (a `~` pattern by
 * its first part): most messages match no phrase of a group, and one native scan tells so far
 * faster than hundreds of separate ones. Patterns with flags of their own are always tried.
 */
interface Prefilter {
  accented: RegExp | null;
  bare: RegExp | null;
  latin: RegExp | null;
  alwaysTry: boolean;
}
const prefilters = new WeakMap<CompiledPattern[], Prefilter>();

function prefilterOf(patterns: CompiledPattern[]): Prefilter {
  let filter = prefilters.get(patterns);
  if (filter) return filter;
  const plain = patterns.filter((p) => p.parts[0]!.flags === "gu");
  // The word-boundary checks wrap the whole alternation once instead of every alternative.
  const body = (source: string) =>
    source.startsWith(START) && source.endsWith(END) ? source.slice(START.length, source.length - END.length) : undefined;
  const combine = (sources: string[]) => {
    if (sources.length === 0) return null;
    const bodies = sources.map(body);
    const bounded = bodies.filter((b): b is string => b !== undefined).map((b) => `(?:${b})`);
    const other = sources.filter((_, i) => bodies[i] === undefined).map((x) => `(?:${x})`);
    return new RegExp([...(bounded.length ? [`${START}(?:${bounded.join("|")})${END}`] : []), ...other].join("|"), "u");
  };
  filter = {
    accented: combine(plain.map((p) => p.parts[0]!.source)),
    bare: combine(plain.map((p) => (p.bare ?? p.parts)[0]!.source)),
    latin: combine(plain.filter((p) => p.latin).map((p) => p.latin![0]!.source)),
    alwaysTry: plain.length < patterns.length,
  };
  prefilters.set(patterns, filter);
  return filter;
}

/** False when no pattern of the list can match the text; true when one may. */
function mayMatch(patterns: CompiledPattern[], text: PreparedText): boolean {
  if (patterns.length === 0) return false;
  const filter = prefilterOf(patterns);
  if (filter.alwaysTry) return true;
  if (filter.accented?.test(text.folded)) return true;
  if (text.latin && filter.latin?.test(text.folded)) return true;
  return text.bare !== undefined && filter.bare !== null && filter.bare.test(text.bare);
}

/** Spans of the given groups blanked out (same length), so benign uses cannot match. */
export function mask(text: PreparedText, lexicons: Lexicon[], groups: readonly string[]): PreparedText {
  if (groups.length === 0) return text;
  let folded = text.folded;
  let bare = text.bare;
  for (const lexicon of lexicons) {
    for (const group of groups) {
      const patterns = lexicon.groups.get(group) ?? [];
      if (!mayMatch(patterns, { folded, bare, latin: text.latin })) continue;
      for (const pattern of patterns) {
        for (const m of matchAll(pattern, { folded, bare, latin: text.latin })) {
          const blank = " ".repeat(m.end - m.index);
          folded = folded.slice(0, m.index) + blank + folded.slice(m.end);
          if (bare !== undefined) bare = bare.slice(0, m.index) + blank + bare.slice(m.end);
        }
      }
    }
  }
  return text.latin ? { folded, bare, latin: true } : { folded, bare };
}

/**
 * Whether a negation stands within `window` words before a match (before its first part, for
 * "A ~ B": "this isn't a policy issue, we can't find it" is negated, "we can't break policy" is not).
 */
export function isNegated(text: string, match: PatternMatch, negations: CompiledPattern[], window: number): boolean {
  if (window <= 0 || negations.length === 0) return false;
  const tail = clauseBefore(text, match.index, window);
  if (tail === "") return false;
  const prepared = prepare(tail);
  return negations.some((n) => matchAll(n, prepared).length > 0);
}

/**
 * The first match of the groups in a prepared text, over the given lexicons, skipping matches
 * a negation stands before. `extra` holds patterns written in the rule itself.
 */
export function findPhrase(
  text: PreparedText,
  lexicons: Lexicon[],
  groups: readonly string[],
  options: { negationWindow: number; extra?: CompiledPattern[] } = { negationWindow: 0 },
): PhraseHit | undefined {
  let best: PhraseHit | undefined;
  const consider = (pattern: CompiledPattern, language: string, group: string, negations: CompiledPattern[]) => {
    for (const m of matchAll(pattern, text)) {
      if (isNegated(text.folded, m, negations, options.negationWindow)) continue;
      if (!best || m.index < best.match.index) best = { match: m, language, group };
      break;
    }
  };
  for (const lexicon of lexicons) {
    for (const group of groups) {
      const patterns = lexicon.groups.get(group) ?? [];
      if (!mayMatch(patterns, text)) continue;
      for (const p of patterns) consider(p, lexicon.language, group, lexicon.negations);
    }
  }
  if (options.extra?.length) {
    const allNegations = lexicons.flatMap((l) => l.negations);
    for (const p of options.extra) consider(p, "rule", "patterns", allNegations);
  }
  return best;
}

/** Rule parameters that name phrase groups (phrases, repetition and feedback rules). */
const GROUP_KEYS = ["match", "unless", "ignore", "claims", "complaints"] as const;

/** Phrase groups a rule's parameters name that no lexicon defines: most likely typos. */
export function unknownGroups(params: Record<string, unknown>, set: LexiconSet): Array<{ key: string; group: string }> {
  const known = new Set([...set.languages.values()].flatMap((l) => [...l.groups.keys()]));
  const named: Array<{ key: string; group: string }> = [];
  const collect = (key: string, value: unknown) => {
    for (const group of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      if (typeof group === "string" && !known.has(group)) named.push({ key, group });
    }
  };
  for (const key of GROUP_KEYS) collect(key, params[key]);
  const requires = params.requires as { match?: unknown } | undefined;
  if (requires) collect("requires", requires.match);
  return named;
}
