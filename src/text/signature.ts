// Brand accounts on social media are shared: every agent posts as "@AcmeAir" and signs the
// reply with initials or a first name at the end ("… ^JS", "… -Gina", "… ^阿哲"). The sign-off
// is then the only sign that the conversation changed hands.

// "^JS", "~Ana", "/MR": a caret, tilde or slash and a short name, as the last thing written.
const MARKED = /(?:^|[^\p{L}\p{N}])[\^~\/]\s?([\p{L}][\p{L}\p{N}.]{0,14})$/u;
// "-KC", "– Gina", "-小张": a dash after a space or punctuation. Latin names must start with a
// capital so that a lower-case compound at the end ("follow-up") is not taken for a name.
const DASHED = /(?:^|[\s\p{P}\p{Script=Han}])[-\u2013\u2014]\s?((?:\p{Lu}|\p{Script=Han}|\p{Script=Hangul}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Thai})[\p{L}\p{N}.]{0,14})$/u;
// Emoji, closing punctuation and spaces after the sign-off.
const TRAILER = /[\s\p{Extended_Pictographic}\uFE0F\u200D.!)]+$/u;

/** The sign-off at the end of a message ("JS" for "… ^JS"), or undefined when there is none. */
export function signOff(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const end = text.replace(TRAILER, "");
  const m = MARKED.exec(end) ?? DASHED.exec(end);
  return m ? m[1]!.replace(/\.+$/, "") : undefined;
}
