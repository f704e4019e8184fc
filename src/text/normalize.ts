// Text normalisation shared by the phrase matcher and the repetition detector. Messages come
// from chat, email and social media in several scripts; both detectors compare them after the
// same folding so that "Ｐｏｌｉｃｙ", "policy" and "POLICY" are one word.

/** Han, kana, Hangul and Thai: scripts written without spaces between words. */
export const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
export const isUnspaced = (ch: string): boolean => UNSPACED.test(ch);

const APOSTROPHES = /[\u2018\u2019\u02BC\u2032\u00B4`]/g;
const QUOTES = /[\u201C\u201D\u201E\u00AB\u00BB]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;

/**
 * NFKC (full-width letters and digits become ASCII, compatibility forms fold), lower case,
 * one kind of apostrophe, quote and dash, one space between words. HTML entities of social
 * exports (&amp;) are decoded. Accents stay: in Vietnamese they tell words apart.
 */
export function fold(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(QUOTES, '"')
    .replace(DASHES, "-")
    .replace(/\s+/g, " ")
    .trim();
}

/** Accents removed (for customers who type Vietnamese or Spanish without them); đ -> d. */
export function stripAccents(text: string): string {
  return text.normalize("NFD").replace(/\p{M}+/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFC");
}

/** True when the text has no combining accents at all (typed without them). */
export const isUnaccented = (text: string): boolean => stripAccents(text) === text.normalize("NFC");

export const URL = /\b(?:https?:\s?\/\/|www\.)\S+/giu;
export const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
export const HANDLE = /(?<![\p{L}\p{N}])@[\p{L}\p{N}_]+/gu;

/** URLs, e-mail addresses and @handles replaced by a space: they are addresses, not words. */
export function withoutAddresses(text: string): string {
  return text.replace(URL, " ").replace(EMAIL, " ").replace(HANDLE, " ");
}
