// Escaping for each output language. Everything from an export (transcripts, names, ids) is
// untrusted text: it must stay text in HTML, XML, Markdown and spreadsheets.

/** Text and attribute values in HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
}

// XML 1.0 allows tab, LF, CR and the ranges below; anything else (NUL, other control
// characters, lone surrogates) makes the whole file unreadable to a CI server's parser.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text and attribute values in XML, with characters XML cannot hold replaced by U+FFFD. */
export function escapeXml(text: string): string {
  return escapeHtml(text.replace(NOT_XML_CHAR, "\uFFFD"));
}

// Control characters (ESC above all) in a transcript would be run by the terminal: colours,
// cursor moves, a cleared screen. Line breaks become spaces; the rest a visible U+FFFD.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Export text as it may be shown on a terminal. */
export function terminalSafe(text: string): string {
  return text.replace(/[\t\n\r]+/g, " ").replace(CONTROL, "\uFFFD");
}
