import { fold, isUnspaced, stripAccents, withoutAddresses } from "./normalize.js";
import { ownText } from "./reply.js";

// How much of one message another says again, in any script. Spaced languages are compared by
// content words (stop words, numbers, URLs and @handles left out, words cut to a short stem so
// "explained" and "explaining" meet) and by the letter trigrams of those words (so inflected
// Bulgarian or Spanish forms still overlap). Chinese, Japanese and Thai have no spaces:
// Intl.Segmenter cuts them into words, and their characters pairs stand in for trigrams.

const segmenter = new Intl.Segmenter(undefined, { granularity: "word" });
const STEM = 5;

export interface TextFeatures {
  /** Content words (stems). */
  words: Set<string>;
  /** Letter trigrams of content words; character pairs in unspaced scripts. */
  grams: Set<string>;
  /** How much content there is, in words (two unspaced characters count as one word). */
  size: number;
}

/** Features of what the writer wrote themselves (quoted history and signature left out). */
export function featuresOf(text: string, stopwords: ReadonlySet<string>): TextFeatures {
  const clean = stripAccents(fold(withoutAddresses(ownText(text))));
  const words = new Set<string>();
  const grams = new Set<string>();
  let spaced = 0;
  let unspaced = 0;
  for (const { segment, isWordLike } of segmenter.segment(clean)) {
    if (!isWordLike || /\p{N}/u.test(segment) || stopwords.has(segment)) continue;
    const chars = [...segment];
    if (chars.some(isUnspaced)) {
      words.add(segment);
      unspaced += chars.length;
      if (chars.length === 1) grams.add(segment);
      for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
      continue;
    }
    if (chars.length < 2) continue;
    spaced++;
    words.add(chars.slice(0, STEM).join(""));
    const padded = `^${segment}$`;
    const p = [...padded];
    for (let i = 0; i + 2 < p.length; i++) grams.add(p[i]! + p[i + 1]! + p[i + 2]!);
  }
  return { words, grams, size: spaced + Math.floor(unspaced / 2) };
}

function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** 0 (nothing in common) .. 1 (the same content): the mean of word and trigram overlap. */
export function similarity(a: TextFeatures, b: TextFeatures): number {
  return (dice(a.words, b.words) + dice(a.grams, b.grams)) / 2;
}

/** How many content words (stems) two texts have in common. */
export function sharedWords(a: TextFeatures, b: TextFeatures): number {
  const [small, large] = a.words.size <= b.words.size ? [a.words, b.words] : [b.words, a.words];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared;
}

/** The content of several messages as one (the story a customer told over a few messages). */
export function unionOf(list: readonly TextFeatures[]): TextFeatures {
  const words = new Set<string>();
  const grams = new Set<string>();
  let size = 0;
  for (const f of list) {
    for (const w of f.words) words.add(w);
    for (const g of f.grams) grams.add(g);
    size += f.size;
  }
  return { words, grams, size };
}

/**
 * 0..1: how much of `part` is found in `whole`: the lesser of the share of its content words and
 * of their trigrams (in a short-syllable script such as Vietnamese, trigrams alone are common to
 * almost anything; words alone miss inflected forms).
 */
export function containment(part: TextFeatures, whole: TextFeatures): number {
  if (part.words.size === 0 || part.grams.size === 0) return 0;
  let words = 0;
  for (const w of part.words) if (whole.words.has(w)) words++;
  let grams = 0;
  for (const g of part.grams) if (whole.grams.has(g)) grams++;
  return Math.min(words / part.words.size, grams / part.grams.size);
}
