import { franc, francAll } from "franc";
import type { Conversation } from "../model.js";
import type { Lexicon, LexiconSet } from "./lexicon.js";
import { withoutAddresses } from "./normalize.js";

// Which lexicons to run on a conversation: its `language` when the export gives one; else the
// language detected from the script of its messages and, for Latin and Cyrillic text, a small
// trigram detector (franc); else, when neither is sure, every lexicon.

/** ISO 639-3 codes franc answers with -> the primary BCP 47 subtag. */
const ISO3: Record<string, string> = {
  eng: "en", spa: "es", vie: "vi", bul: "bg", rus: "ru", ukr: "uk", mkd: "mk", srp: "sr", fra: "fr", deu: "de",
  por: "pt", ita: "it", nld: "nl", tur: "tr", pol: "pl", ind: "id", cat: "ca", ron: "ro",
};
const LATIN_CANDIDATES = ["eng", "spa", "vie", "fra", "deu", "por", "ita", "nld", "tur", "pol", "ind", "cat", "ron"];
const CYRILLIC_CANDIDATES = ["bul", "rus", "ukr", "mkd", "srp"];

// Letters that exist only in Vietnamese among the Latin-script languages.
const VIETNAMESE = /[ơưăđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/giu;
// Frequent characters whose Traditional and Simplified forms differ.
const TRADITIONAL = /[這說們個過沒還會請問題對時為給經麼謝務從錢貨單號訂開關來後買賣態應該處幫覺讓變換車東寫聽與見現書長門間電話網頁]/gu;
const SIMPLIFIED = /[这说们个过没还会请问题对时为给经么谢务从钱货单号订开关来后买卖态应该处帮觉让变换车东写听与见现书长门间电话网页]/gu;

const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;

/** Sample of a conversation's words: enough to tell the language, bounded for long threads. */
function sampleOf(c: Conversation, max = 400): string {
  let sample = "";
  for (const e of c.events) {
    if (e.type !== "message" || !e.text) continue;
    sample += `${withoutAddresses(e.text)}\n`;
    if (sample.length >= max) break;
  }
  return sample.slice(0, max);
}

function byTag(set: LexiconSet, tag: string): Lexicon[] {
  const lower = tag.toLowerCase();
  const all = [...set.languages.values()];
  const exact = all.filter((l) => l.language.toLowerCase() === lower);
  if (exact.length) return exact;
  const [primary, ...rest] = lower.split("-");
  if (primary === "zh" || primary === "cmn" || primary === "yue") {
    const traditional = rest.some((s) => ["hant", "tw", "hk", "mo"].includes(s));
    const simplified = rest.some((s) => ["hans", "cn", "sg", "my"].includes(s));
    const chinese = all.filter((l) => l.language.toLowerCase().startsWith("zh"));
    if (traditional) return chinese.filter((l) => l.language.toLowerCase() === "zh-hant");
    if (simplified) return chinese.filter((l) => l.language.toLowerCase() === "zh-hans");
    return chinese;
  }
  return all.filter((l) => l.language.toLowerCase().split("-")[0] === primary);
}

// Words that carry no topic but tell English from Spanish. Most conversations are plainly one
// or the other, and counting these decides it for a fraction of the trigram detector's cost
// (it was the largest single cost of an audit); mixed or short texts still go to franc.
const ENGLISH = new Set("the and you your is are was to of it this that for with have not can please we i my me our".split(" "));
const SPANISH = new Set("el los las por para una pero muy está estoy tengo gracias hola usted ustedes qué cómo mi mis del al".split(" "));

// Short Bulgarian words as typed in Latin letters ("shlyokavitsa"): a few of them together say
// Bulgarian, not English or Spanish.
const LATIN_BULGARIAN = new Set(["na", "za", "da", "ne", "se", "sam", "sum", "sme", "ste", "veche", "oshte", "o6te", "tova", "tuk", "kak", "kakvo", "kolko", "koga", "zashto", "za6to", "shte", "6te", "nqma", "nyama", "imam", "iskam", "samo", "mnogo", "ama", "abe", "mi", "vi", "go", "ot", "pak", "otnovo", "sega", "dnes", "vchera", "li", "e", "sa", "toi", "tq", "tya", "nie", "vie", "mene", "men", "nali", "mojete", "moje", "trqbva", "tryabva"]);
function isLatinBulgarian(text: string): boolean {
  let hits = 0;
  const seen = new Set<string>();
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    if (LATIN_BULGARIAN.has(word) && !seen.has(word)) {
      seen.add(word);
      hits++;
    }
  }
  return hits >= 5;
}

function byFunctionWords(text: string): "en" | "es" | undefined {
  let en = 0;
  let es = 0;
  for (const word of text.toLowerCase().match(/[a-zñáéíóúü]+/g) ?? []) {
    if (ENGLISH.has(word)) en++;
    else if (SPANISH.has(word)) es++;
  }
  if (en >= 6 && es * 6 <= en) return "en";
  if (es >= 6 && en * 6 <= es) return "es";
  return undefined;
}

/** The language tags detected in a text ([] when unsure). */
export function detectLanguages(text: string): string[] {
  const han = count(text, /\p{Script=Han}/gu);
  const kana = count(text, /[\p{Script=Hiragana}\p{Script=Katakana}]/gu);
  const cyrillic = count(text, /\p{Script=Cyrillic}/gu);
  const latin = count(text, /\p{Script=Latin}/gu);
  const thai = count(text, /\p{Script=Thai}/gu);
  const hangul = count(text, /\p{Script=Hangul}/gu);
  const letters = han + kana + cyrillic + latin + thai + hangul;
  if (letters === 0) return [];
  if (kana > 0 && kana + han >= letters * 0.3) return ["ja"];
  // Chinese: a few characters already say a lot, since each one is a word or most of one.
  if (han >= letters * 0.3 || (han >= 4 && han * 3 >= latin)) {
    const t = count(text, TRADITIONAL);
    const s = count(text, SIMPLIFIED);
    if (t > s * 2) return ["zh-Hant"];
    if (s > t * 2) return ["zh-Hans"];
    return ["zh-Hant", "zh-Hans"];
  }
  if (hangul >= letters * 0.3) return ["ko"];
  if (thai >= letters * 0.3) return ["th"];
  if (cyrillic >= letters * 0.5) {
    // Bulgarian is the Cyrillic language support is given in; short texts often read as
    // Serbian or Macedonian to a trigram detector, so Bulgarian stays in the running.
    const code = franc(text, { only: CYRILLIC_CANDIDATES, minLength: 12 });
    const tag = code === "und" ? "bg" : ISO3[code] ?? code;
    return tag === "bg" ? ["bg"] : [tag, "bg"];
  }
  if (latin >= letters * 0.5) {
    const vietnamese = count(text, VIETNAMESE);
    if (vietnamese >= 3 || (vietnamese >= 1 && latin < 40)) return ["vi"];
    // Bulgarian typed in Latin letters, or a Latin-script customer answered in Cyrillic.
    const bulgarian = cyrillic >= letters * 0.15 || isLatinBulgarian(text) ? ["bg"] : [];
    const quick = byFunctionWords(text);
    if (quick) return [quick, ...bulgarian];
    // Close runners-up stay in: short or unaccented texts often score two languages alike,
    // and running one lexicon too many costs less than missing the right one.
    const ranked = francAll(text, { only: LATIN_CANDIDATES, minLength: 20 });
    if (ranked.length === 0 || ranked[0]![0] === "und") return bulgarian;
    return [...ranked.filter(([, score]) => score >= 0.9).map(([code]) => ISO3[code] ?? code), ...bulgarian];
  }
  return [];
}

const chosen = new WeakMap<Conversation, WeakMap<LexiconSet, Lexicon[]>>();

/** The lexicons to run on a conversation (cached: several rules ask for the same one). */
export function lexiconsFor(c: Conversation, set: LexiconSet): Lexicon[] {
  let perSet = chosen.get(c);
  if (!perSet) chosen.set(c, (perSet = new WeakMap()));
  const cached = perSet.get(set);
  if (cached) return cached;
  let result: Lexicon[] = [];
  if (c.language) result = byTag(set, c.language);
  if (result.length === 0) {
    result = detectLanguages(sampleOf(c)).flatMap((tag) => byTag(set, tag));
  }
  // No lexicon for the language, or unsure which: every lexicon (phrases rarely collide).
  if (result.length === 0) result = [...set.languages.values()];
  perSet.set(set, result);
  return result;
}
