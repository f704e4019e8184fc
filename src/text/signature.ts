// Brand accounts on social media are shared: every agent posts as "@AcmeAir" and signs the
// reply with initials or a first name at the end ("… ^JS", "… -Gina", "… ^阿哲"). The sign-off
// is then the only sign that the conversation changed hands.

// A short name: a letter, then letters, digits, points or a middle dot ("客服·竹影"); a second
// word is allowed after a caret or dash ("^Mod Bin", "-Mod Kem").
const NAME = "[\\p{L}][\\p{L}\\p{N}.·・]{0,14}";
// "^JS", "~Ana", "/MR", "‧Eddie", "~Mod Vlado": a caret, tilde, slash or bullet and a short name, as the last thing written.
const MARKED = new RegExp(`(?:^|[^\\p{L}\\p{N}])[\\^~\\/‧•]\\s?(${NAME}(?: ${NAME})?)$`, "u");
// "-KC", "– Gina", "-小张": a dash after a space or punctuation. Latin names must start with a
// capital so that a lower-case compound at the end ("follow-up") is not taken for a name.
const CAPITAL_OR_CJK = "(?:\\p{Lu}|\\p{Script=Han}|\\p{Script=Hangul}|\\p{Script=Hiragana}|\\p{Script=Katakana}|\\p{Script=Thai})";
const DASHED = new RegExp(`(?:^|[\\s\\p{P}\\p{S}\\p{Script=Han}])[-\\u2013\\u2014\\u2015\\u2500]\\s?(${CAPITAL_OR_CJK}[\\p{L}\\p{N}.·・]{0,14}(?: \\p{Lu}[\\p{L}\\p{N}.]{0,14})?)$`, "u");
// "by 团团", "by 小編Mina": Chinese, Japanese and Korean accounts sign with "by"; only names in
// those scripts, so that "…by Friday" is no sign-off.
const BY = /(?:^|[\s\p{P}\p{Extended_Pictographic}])by\s?((?:\p{Script=Han}|\p{Script=Hangul}|\p{Script=Hiragana}|\p{Script=Katakana})[\p{L}\p{N}.·・]{0,14})$/u;
// "Un saludo, Marta", "Regards, Tom", "Поздрави, Ива": a closing and a name, as the last thing written.
const CLOSING = /(?:^|[\s\p{P}])(?:un saludo|saludos|saludos cordiales|atentamente|regards|best regards|kind regards|best|поздрави|с уважение|trân trọng|thân mến)[,，]?\s+(\p{Lu}[\p{L}.]{1,14})$/iu;
// "【客服 小芒】", "【小汇】": a name in the brackets Chinese accounts close a reply with.
const BRACKETED = /【([^【】\n]{1,12})】$/u;
// Emoji, closing punctuation, a closing slash ("/Георги/") and spaces after the sign-off.
const TRAILER = /[\s\p{Extended_Pictographic}\uFE0F\u200D.!)\/]+$/u;

/** The sign-off at the end of a message ("JS" for "… ^JS"), or undefined when there is none. */
export function signOff(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const end = text.replace(TRAILER, "");
  const m = MARKED.exec(end) ?? DASHED.exec(end) ?? BY.exec(end) ?? BRACKETED.exec(end) ?? CLOSING.exec(end);
  return m ? m[1]!.replace(/\.+$/, "") : undefined;
}
