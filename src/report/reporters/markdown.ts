import { SEVERITIES } from "../../rules/fields.js";
import type { BaselineComparison, GroupDelta } from "../baseline.js";
import { signed } from "../comparison-text.js";
import { scoreDistribution } from "../distribution.js";
import type { GroupRow, Report } from "../report.js";
import type { Reporter } from "../reporter.js";
import { bar } from "../terminal-charts.js";

// The report for a weekly post or a pull-request comment (GitHub-flavoured Markdown): the
// verdict, the tables a reader scans, the worst conversations with their evidence quoted.

/**
 * Export text as inert Markdown on one line: punctuation that starts markup or HTML is
 * backslash-escaped, and "@name" gets a zero-width space so a pull-request comment quoting a
 * transcript does not notify a stranger on GitHub.
 */
export function mdText(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, " ")
    .replace(/[\\`*_[\]<>|~&#!{}]/g, (ch) => `\\${ch}`)
    .replace(/^([-+=]|\d+[.)])/, "\\$1")
    .replace(/@(?=\w)/g, "@\u200b");
}

// GFM ends a table cell at "|" even inside a code span unless it is escaped.
const code = (id: string) => `\`${id.replace(/`/g, "'").replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ")}\``;
const show = (n: number | null) => (n === null ? "–" : String(n));

function row(cells: Array<string | number>): string {
  return `| ${cells.join(" | ")} |`;
}

function tableOf(head: string[], align: string[], rows: Array<Array<string | number>>): string[] {
  return [row(head), row(align), ...rows.map(row)];
}

function groupSection(title: string, rows: GroupRow[], deltas: GroupDelta[] | undefined, limit: number): string[] {
  if (rows.length === 0) return [];
  const change = new Map((deltas ?? []).map((d) => [d.key, d.delta]));
  const head = ["", "Conversations", "Score", "Grade", "Findings", ...(deltas ? ["Change"] : [])];
  const body = rows.slice(0, limit).map((r) => [mdText(r.key), r.conversations, r.score.toFixed(1), r.grade, r.findings, ...(deltas ? [signed(change.get(r.key) ?? null)] : [])]);
  const more = rows.length > limit ? [``, `_… and ${rows.length - limit} more in the JSON report._`] : [];
  return [`## ${title}, worst first`, "", ...tableOf(head, ["---", "--:", "--:", ":-:", "--:", ...(deltas ? ["--:"] : [])], body), ...more, ""];
}

/** The comparison with a baseline, also printed by `support-audit compare --format markdown`. */
export function comparisonMarkdown(cmp: BaselineComparison, limit: number): string {
  const out: string[] = [];
  out.push(`## Compared with the baseline${cmp.before.as_of ? ` of ${mdText(cmp.before.as_of)}` : ""}`, "");
  out.push(...tableOf(["", "Baseline", "Now", "Change"], ["---", "--:", "--:", "--:"], [
    ["Score", show(cmp.score.before), show(cmp.score.after), `**${signed(cmp.score.delta)}**`],
    ["Grade", cmp.before.grade, cmp.after.grade, ""],
    ["Conversations", cmp.before.conversations, cmp.after.conversations, signed(cmp.after.conversations - cmp.before.conversations)],
    ["Findings", cmp.before.findings, cmp.after.findings, signed(cmp.after.findings - cmp.before.findings)],
  ]), "");
  const rules = cmp.rules.filter((r) => r.delta !== 0);
  if (rules.length > 0) {
    out.push("**Findings by rule**", "", ...tableOf(["Rule", "Baseline", "Now", "Change"], ["---", "--:", "--:", "--:"], rules.map((r) => [code(r.id), show(r.before), show(r.after), signed(r.delta)])), "");
  }
  for (const [title, rows] of [["Agents", cmp.agents], ["Teams", cmp.teams]] as const) {
    const moved = rows.filter((r) => r.delta !== null && r.delta !== 0).slice(0, limit);
    if (moved.length === 0) continue;
    out.push(`**${title} whose score moved the most**`, "", ...tableOf(["", "Baseline", "Now", "Change"], ["---", "--:", "--:", "--:"], moved.map((r) => [mdText(r.key), show(r.before), show(r.after), signed(r.delta)])), "");
  }
  const list = (title: string, items: BaselineComparison["new_findings"]) => {
    if (items.length === 0) return;
    out.push(`**${title}** (${items.length})`, "");
    for (const f of items.slice(0, limit)) out.push(`- ${code(f.conversation)} ${code(f.rule)} ${mdText(f.message)}`);
    if (items.length > limit) out.push(`- _… and ${items.length - limit} more in the JSON report_`);
    out.push("");
  };
  list("New findings since the baseline", cmp.new_findings);
  list("Findings gone since the baseline", cmp.gone_findings);
  if (cmp.new_findings.length === 0 && cmp.gone_findings.length === 0) out.push("No finding is new or gone since the baseline.", "");
  return out.join("\n");
}

export const markdown: Reporter = (report: Report, ctx) => {
  const s = report.summary;
  const out: string[] = [];
  const trend = report.baseline?.score.delta;
  out.push(`# Support audit: score ${s.score ?? "–"} (${s.grade})${trend === undefined || trend === null ? "" : ` ${trend >= 0 ? "▲" : "▼"} ${signed(trend)} since the baseline`}`, "");
  out.push(`_${s.conversations} conversations from ${report.input.files.length} file${report.input.files.length === 1 ? "" : "s"}, as of ${mdText(s.as_of)} · rules: ${report.rule_set.files.map(mdText).join(" + ")} · support-audit ${report.tool.version}_`, "");

  const severities = SEVERITIES.filter((x) => s.by_severity[x]).reverse();
  out.push(...tableOf(["Score", "Grade", "Conversations", "Findings", ...severities.map((x) => x[0]!.toUpperCase() + x.slice(1))], [":-:", ":-:", "--:", "--:", ...severities.map(() => "--:")],
    [[`**${s.score ?? "–"}**`, `**${s.grade}**`, s.conversations, s.findings, ...severities.map((x) => s.by_severity[x]!)]]), "");

  const g = report.gates;
  if (g.fail_under !== undefined || g.fail_on !== undefined || g.fail_on_regression !== undefined) {
    out.push(g.passed ? "✅ **Gates passed.**" : `❌ **Gates failed:** ${g.failures.map(mdText).join("; ")}`, "");
  }

  if (report.conversations.length > 0) {
    const bands = scoreDistribution(report.conversations);
    const most = Math.max(...bands.map((b) => b.count));
    out.push("## Score distribution", "", ...tableOf(["Scores", "Grade", "Conversations", ""], ["--:", ":-:", "--:", "---"], bands.map((b) => [b.label, b.grade, b.count, bar(b.count, most, 20)])), "");
  }

  const ruleDelta = new Map(report.baseline?.rules.map((r) => [r.id, r.delta]) ?? []);
  out.push("## Findings by rule", "", ...tableOf(
    ["Rule", "Severity", "Weight", "Findings", "Conversations", ...(report.baseline ? ["Change"] : [])],
    ["---", "---", "--:", "--:", "--:", ...(report.baseline ? ["--:"] : [])],
    report.rules.map((r) => [code(r.id), r.severity, r.weight, r.findings, r.conversations, ...(report.baseline ? [signed(ruleDelta.get(r.id) ?? null)] : [])]),
  ), "");

  out.push(...groupSection("Agents", report.groups.agent, report.baseline?.agents, 15));
  out.push(...groupSection("Teams", report.groups.team, report.baseline?.teams, 10));
  if (report.baseline) out.push(comparisonMarkdown(report.baseline, 10));

  const withFindings = report.conversations.filter((c) => c.findings.length > 0);
  const worst = [...withFindings].sort((a, b) => a.score - b.score || b.findings.length - a.findings.length).slice(0, ctx.top);
  if (worst.length > 0) {
    out.push(`## Worst conversations (${worst.length} of ${withFindings.length} with findings)`, "");
    for (const c of worst) {
      const where = [c.channel, c.queue].filter((x): x is string => Boolean(x)).map(mdText).join(" · ");
      out.push(`### ${code(c.id)}: score ${c.score} (${c.grade})`, "");
      out.push(`${where ? `${where} · ` : ""}agents: ${c.agents.length ? c.agents.map(mdText).join(", ") : "none"}`, "");
      for (const f of c.findings) {
        out.push(`- **${f.severity}** ${code(f.rule)}${f.agent ? ` (${mdText(f.agent)})` : ""}: ${mdText(f.message)}`);
        out.push(`  > ${mdText(f.evidence)}`);
      }
      out.push("");
    }
  }

  if (report.suppressions) {
    const sup = report.suppressions;
    out.push(`## Suppressed findings (${sup.suppressed.length})`, "");
    out.push(`Left out of the scores by ${code(sup.file)}.`, "");
    if (sup.suppressed.length > 0) {
      out.push(...tableOf(["Conversation", "Rule", "Agent", "Reason", "Until"], ["---", "---", "---", "---", "---"],
        sup.suppressed.slice(0, 50).map((f) => [code(f.conversation), code(f.rule), f.agent ? mdText(f.agent) : "", mdText(f.reason), f.expires])), "");
    }
    const notices = [...sup.expired.map((n) => ({ ...n, why: `expired ${n.expires}` })), ...sup.unused.map((n) => ({ ...n, why: "matched nothing" }))];
    if (notices.length > 0) {
      out.push("**Suppressions to clean up**", "");
      for (const n of notices) out.push(`- ${code(n.source)}: ${[n.conversation && code(n.conversation), n.agent && mdText(n.agent)].filter(Boolean).join(", ")} / ${code(n.rule)}, ${n.why}`);
      out.push("");
    }
  }

  const rejected = report.input.rejected.length;
  if (rejected > 0) out.push(`_${rejected} input record${rejected === 1 ? " was" : "s were"} rejected; the JSON report lists them._`, "");
  return out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
};
