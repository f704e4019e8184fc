// A customer's last word is often "thanks" or "ok": nothing is owed after it. A question or a
// new fact is owed an answer. These words are the closing acknowledgements of the languages
// support is given in; the test is deliberately narrow (short messages made only of them).
const ACK_WORDS = [
  // English
  "thanks", "thank", "you", "thx", "ty", "ok", "okay", "k", "cool", "great", "perfect", "awesome", "got", "it", "bye",
  "cheers", "much", "so", "very", "appreciated", "appreciate", "that", "all", "good", "fine", "sure", "will", "do", "noted",
  "alright", "many", "again", "a", "lot", "have", "nice", "day", "yes", "yep", "no", "worries", "problem", "np", "the", "help",
  "for", "your", "great!", "works", "now", "solved", "sorted",
  // Spanish
  "gracias", "muchas", "vale", "perfecto", "de", "acuerdo", "listo", "genial", "adiós", "saludos", "ok.", "muy", "amable",
  // Vietnamese
  "cảm", "ơn", "cám", "bạn", "nhiều", "vâng", "dạ", "được", "rồi", "ạ", "oke", "tạm", "biệt",
  // Bulgarian
  "благодаря", "мерси", "много", "добре", "ок", "супер", "чудесно", "разбрах", "ясно", "довиждане", "ви",
  // German, French, Portuguese (common in exports even when not shipped as lexicons)
  "danke", "merci", "obrigado", "obrigada", "beaucoup",
];
const ACK_SET = new Set(ACK_WORDS);
// Chinese and Japanese acknowledgements, matched as whole (short) messages.
const CJK_ACK = /^(谢谢|謝謝|多谢|多謝|感谢|感謝|好的|好|收到|明白|了解|知道了|没问题|沒問題|ありがとう(ございます)?|了解です|わかりました|再见|再見|拜拜|辛苦了|非常感谢|非常感謝|谢谢你|謝謝你|谢谢您|謝謝您)+$/;

/** True for a short message that only thanks, agrees or says goodbye. */
export function isAcknowledgement(text: string | undefined): boolean {
  if (!text) return true;
  const cleaned = text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/@\w+/g, " ")
    .replace(/[\p{Emoji_Presentation}\p{Extended_Pictographic}]/gu, " ")
    .replace(/[!¡.,;:~^()\-–—'"“”’…。！，、～]+/g, " ")
    .trim();
  if (cleaned === "") return true;
  if (/[?？¿]/.test(cleaned)) return false;
  const compactCjk = cleaned.replace(/\s+/g, "");
  if (CJK_ACK.test(compactCjk)) return true;
  const words = cleaned.split(/\s+/);
  return words.length <= 8 && words.every((w) => ACK_SET.has(w));
}
