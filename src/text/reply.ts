// What the writer of a message wrote themselves: e-mail replies carry the quoted history and a
// signature under the new text, and both would look like the customer repeating themselves.

// A line that starts the quoted history: "On Mon, 2 Nov 2026, Anna wrote:", Outlook's header
// block, and the same in the languages support is given in.
const QUOTE_HEADERS: RegExp[] = [
  /^\s*on .{3,200} wrote:?\s*$/i,
  /^\s*-{2,}\s*(original message|forwarded message|mensaje original|mensaje reenviado|оригинално съобщение|thư gốc)\s*-{2,}/i,
  /^\s*(from|de|от|từ|寄件者|发件人|發件人)\s*[:：].{0,200}$/i,
  /^\s*el .{3,200} escribió:?\s*$/i,
  /^\s*.{3,200} написа:?\s*$/i,
  /^\s*vào .{3,200} đã viết:?\s*$/i,
  /^\s*.{0,200}(写道|寫道)[:：]?\s*$/,
];

// A line that starts a signature or a device footer.
const SIGNATURE_STARTS: RegExp[] = [
  /^\s*(--|——|—|_{2,})\s*$/,
  /^\s*(sent from my|enviado desde mi|изпратено от|được gửi từ|从我的|從我的)\b.*$/i,
  /^\s*(best|kind|warm)?\s*regards,?\s*$/i,
  /^\s*(best|cheers|sincerely|thanks|thank you|many thanks|br),?\s*$/i,
  /^\s*(saludos|atentamente|un saludo|saludos cordiales|gracias),?\s*$/i,
  /^\s*(с уважение|поздрави|благодаря),?\s*$/i,
  /^\s*(trân trọng|thân ái|cảm ơn|cám ơn),?\s*$/i,
  /^\s*(此致|敬上|谢谢|謝謝|祝好)[,，]?\s*$/,
];

/**
 * The new text of a message: the lines before quoted history ("> ...", "On ... wrote:") and
 * before the signature (kept with `keepSignature`). A message that only quotes has no text of
 * its own ("").
 */
export function ownText(text: string, options: { keepSignature?: boolean } = {}): string {
  const lines = text.split(/\r?\n/);
  const kept: string[] = [];
  for (const line of lines) {
    if (/^\s*>/.test(line)) continue;
    if (QUOTE_HEADERS.some((re) => re.test(line))) break;
    // A sign-off only counts as one past the first line, so "Thanks, but it still fails" stays.
    if (!options.keepSignature && kept.some((l) => l.trim() !== "") && SIGNATURE_STARTS.some((re) => re.test(line))) break;
    kept.push(line);
  }
  return kept.join("\n").trim();
}
