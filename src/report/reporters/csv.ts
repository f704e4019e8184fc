import type { Reporter } from "../reporter.js";

// One row per finding, for a spreadsheet: RFC 4180 quoting, CRLF line ends. Suppressed
// findings are rows too (status "suppressed") so the sheet accounts for every finding.

export const CSV_COLUMNS = [
  "conversation", "conversation_score", "channel", "queue", "rule", "type", "severity", "weight",
  "at", "agent", "team", "message", "evidence", "status", "suppression_reason",
] as const;

/**
 * A spreadsheet runs a cell starting with = + - @ (or tab / CR, which some strip first) as a
 * formula: "=HYPERLINK(...)" in a transcript would become a live link. A leading apostrophe
 * keeps it text (OWASP's advice for CSV injection).
 */
export function inertCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "number") return String(value);
  const text = inertCell(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csv: Reporter = (report) => {
  const lines = [CSV_COLUMNS.join(",")];
  const isNew = report.baseline ? new Set(report.baseline.new_findings.map((f) => JSON.stringify([f.conversation, f.rule]))) : undefined;
  for (const c of report.conversations) {
    for (const f of c.findings) {
      const status = isNew === undefined ? "open" : isNew.has(JSON.stringify([c.id, f.rule])) ? "new" : "open";
      lines.push([c.id, c.score, c.channel, c.queue, f.rule, f.type, f.severity, f.weight, f.at, f.agent, f.team, f.message, f.evidence, status, undefined].map(csvCell).join(","));
    }
  }
  if (report.suppressions) {
    const conversations = new Map(report.conversations.map((c) => [c.id, c]));
    for (const f of report.suppressions.suppressed) {
      const c = conversations.get(f.conversation);
      lines.push([f.conversation, c?.score, c?.channel, c?.queue, f.rule, f.type, f.severity, f.weight, f.at, f.agent, f.team, f.message, f.evidence, "suppressed", f.reason].map(csvCell).join(","));
    }
  }
  return lines.join("\r\n") + "\r\n";
};
