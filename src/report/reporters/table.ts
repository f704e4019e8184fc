import { Chalk, type ChalkInstance } from "chalk";
import Table from "cli-table3";
import type { Severity } from "../../rules/fields.js";
import { SEVERITIES } from "../../rules/fields.js";
import type { GroupRow } from "../report.js";
import type { Reporter, ReporterContext } from "../reporter.js";
import { comparisonLines } from "../comparison-text.js";
import { scoreDistribution } from "../distribution.js";
import { suppressionWarnings } from "../suppressions.js";
import { bar, sparkline } from "../terminal-charts.js";
import { terminalSafe as safe } from "../escape.js";

// The report for the person at the terminal: the verdict first, then where it came from
// (rules), then the conversations to read, then people and teams.

const SEVERITY_MARK: Record<Severity, string> = { critical: "✖✖", error: "✖", warning: "▲", info: "·" };

function paint(c: ChalkInstance) {
  const grade = (g: string) => (g === "A" ? c.green(g) : g === "B" ? c.greenBright(g) : g === "C" ? c.yellow(g) : g === "D" ? c.hex("#ff8800")(g) : c.red(g));
  const severity = (s: Severity, text: string = s) => (s === "critical" ? c.bgRed.white(text) : s === "error" ? c.red(text) : s === "warning" ? c.yellow(text) : c.blue(text));
  return { grade, severity };
}

function table(head: string[], color: boolean, align?: Array<"left" | "right">): Table.Table {
  return new Table({
    head,
    colAligns: align,
    style: { head: color ? ["bold"] : [], border: color ? ["grey"] : [], compact: true },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
  });
}

function groupTable(title: string, rows: GroupRow[], ctx: ReporterContext, c: ChalkInstance, limit: number): string {
  if (rows.length === 0) return "";
  const p = paint(c);
  const t = table([title, "conversations", "score", "grade", "findings"], ctx.color, ["left", "right", "right", "left", "right"]);
  for (const r of rows.slice(0, limit)) t.push([safe(r.key), r.conversations, r.score.toFixed(1), p.grade(r.grade), r.findings]);
  const more = rows.length > limit ? `\n  … and ${rows.length - limit} more (see --format json)` : "";
  return `${c.bold(title === "agent" ? "Agents, worst first" : `${title[0]!.toUpperCase()}${title.slice(1)}s, worst first`)}\n${t.toString()}${more}\n`;
}

export const tableReporter: Reporter = (report, ctx) => {
  const c = new Chalk({ level: ctx.color ? 2 : 0 });
  const p = paint(c);
  const out: string[] = [];
  const s = report.summary;
  const files = report.input.files;

  const severities = SEVERITIES.filter((x) => s.by_severity[x]).reverse().map((x) => p.severity(x, `${s.by_severity[x]} ${x}`)).join(", ");
  out.push(`${c.bold("support-audit")} ${c.dim(`${report.tool.version} · ${s.conversations} conversations from ${files.length} file${files.length === 1 ? "" : "s"} · rules: ${report.rule_set.files.join(" + ")}`)}`);
  out.push("");
  out.push(`  Score ${c.bold(s.score === null ? "-" : s.score.toFixed(1))}  Grade ${c.bold(p.grade(s.grade))}    ${s.findings} finding${s.findings === 1 ? "" : "s"}${severities ? ` (${severities})` : ""}`);
  out.push("");

  // The shape of the scores at a glance: one bar per band, lowest scores first.
  if (report.conversations.length > 0) {
    const bands = scoreDistribution(report.conversations);
    const most = Math.max(...bands.map((b) => b.count));
    out.push(`${c.bold("Score distribution")} ${c.dim(`${sparkline(bands.map((b) => b.count))} (low → high)`)}`);
    const tint = { F: c.red, D: c.hex("#ff8800"), C: c.yellow, B: c.greenBright, A: c.green, clean: c.green } as Record<string, ChalkInstance>;
    for (const b of bands) out.push(`  ${b.label.padStart(6)} ${b.grade.padEnd(5)} ${String(b.count).padStart(6)} ${tint[b.grade]!(bar(b.count, most, 30))}`);
    out.push("");
  }

  const mostFindings = Math.max(0, ...report.rules.map((r) => r.findings));
  const rules = table(["rule", "severity", "weight", "findings", "", "conversations"], ctx.color, ["left", "left", "right", "right", "left", "right"]);
  for (const r of report.rules) rules.push([r.id, p.severity(r.severity), r.weight, r.findings, p.severity(r.severity, bar(r.findings, mostFindings, 20)), r.conversations]);
  out.push(c.bold("Findings by rule"), rules.toString(), "");

  const worst = report.conversations.filter((x) => x.findings.length > 0).sort((a, b) => a.score - b.score || b.findings.length - a.findings.length).slice(0, ctx.top);
  if (worst.length > 0) {
    out.push(c.bold(`Worst conversations (${worst.length} of ${report.conversations.filter((x) => x.findings.length > 0).length} with findings)`));
    for (const conv of worst) {
      const where = safe([conv.channel, conv.queue].filter(Boolean).join(", "));
      out.push(`  ${c.bold(safe(conv.id))}  score ${conv.score} ${p.grade(conv.grade)}${where ? c.dim(`  ${where}`) : ""}${conv.agents.length ? c.dim(`  agents: ${safe(conv.agents.join(", "))}`) : ""}`);
      for (const f of conv.findings) {
        out.push(`    ${p.severity(f.severity, `${SEVERITY_MARK[f.severity]} ${f.severity}`)} ${c.cyan(f.rule)}  ${safe(f.message)}`);
        out.push(`      ${c.dim(safe(f.evidence))}`);
      }
    }
    out.push("");
  }

  for (const [title, rows] of [["agent", report.groups.agent], ["team", report.groups.team], ["channel", report.groups.channel], ["queue", report.groups.queue]] as const) {
    const text = groupTable(title, rows, ctx, c, title === "agent" ? 15 : 10);
    if (text) out.push(text);
  }

  const totals = files.reduce((a, f) => ({ records: a.records + f.records, accepted: a.accepted + f.accepted, rejected: a.rejected + f.rejected }), { records: 0, accepted: 0, rejected: 0 });
  out.push(`${c.bold("Input")}  ${totals.records} records read, ${totals.accepted} audited, ${totals.rejected ? c.red(`${totals.rejected} rejected`) : "0 rejected"}`);
  for (const f of files) {
    out.push(c.dim(`  ${f.path} (${f.format}): ${f.records} records, ${f.accepted} audited, ${f.rejected} rejected`));
    for (const note of f.notes ?? []) out.push(`    ${c.yellow("note")} ${note}`);
  }
  const shown = report.input.rejected.slice(0, 10);
  for (const r of shown) out.push(`  ${c.red("rejected")} ${r.file}:${r.line}  ${safe(r.reason)}`);
  if (report.input.rejected.length > shown.length) out.push(c.dim(`  … and ${report.input.rejected.length - shown.length} more rejections (see --format json)`));

  if (report.suppressions) {
    const sup = report.suppressions;
    out.push("");
    out.push(`${c.bold("Suppressed")}  ${sup.suppressed.length} finding${sup.suppressed.length === 1 ? "" : "s"} left out of the scores by ${sup.file}`);
    for (const f of sup.suppressed.slice(0, ctx.top)) out.push(`  ${safe(f.conversation)}  ${c.cyan(f.rule)}  ${c.dim(safe(`${f.reason} (until ${f.expires})`))}`);
    if (sup.suppressed.length > ctx.top) out.push(c.dim(`  … and ${sup.suppressed.length - ctx.top} more (see --format json)`));
    for (const w of suppressionWarnings(sup)) out.push(`  ${c.yellow("to clean up")} ${w}`);
  }

  if (report.baseline) out.push("", ...comparisonLines(report.baseline, c));

  const g = report.gates;
  if (g.fail_under !== undefined || g.fail_on !== undefined || g.fail_on_regression !== undefined) {
    const set = [
      g.fail_under !== undefined ? `score >= ${g.fail_under}` : "",
      g.fail_on !== undefined ? `no ${g.fail_on} or worse` : "",
      g.fail_on_regression !== undefined ? `no drop over ${g.fail_on_regression} from the baseline` : "",
    ].filter(Boolean).join(", ");
    out.push("");
    out.push(g.passed ? `${c.green("Gates passed")} ${c.dim(`(${set})`)}` : `${c.red.bold("Gates FAILED")} ${c.dim(`(${set})`)}: ${g.failures.join("; ")}`);
  }
  return out.join("\n") + "\n";
};
