import { SEVERITIES } from "../../rules/fields.js";
import type { BaselineComparison, GroupDelta } from "../baseline.js";
import { signed } from "../comparison-text.js";
import { FONT, renderChart, shorten } from "../charts.js";
import { scoreDistribution } from "../distribution.js";
import { escapeHtml as h } from "../escape.js";
import { CONTENT_SECURITY_POLICY, GRADE_COLOR, SCRIPT, SEVERITY_COLOR, STYLE } from "../html-page.js";
import type { GroupRow, Report, ReportConversation } from "../report.js";
import type { Reporter } from "../reporter.js";

// The report for the people who did not run the audit: one self-contained HTML file (style,
// script and charts inline, no request) that a support manager opens and reads at a glance.
// Every finding opens its conversation with the evidence quoted. All export text goes
// through escapeHtml; the charts are SVG drawn by ECharts at report time.

const AXIS = { axisLine: { lineStyle: { color: "#ced4da" } }, axisLabel: { color: "#495057", fontSize: 12 }, splitLine: { lineStyle: { color: "#f1f3f5" } } };
const gradeColor = (grade: string) => GRADE_COLOR[grade] ?? GRADE_COLOR["-"]!;
const num = (n: number) => n.toLocaleString("en-US");
const plural = (n: number, word: string) => `${num(n)} ${word}${n === 1 ? "" : "s"}`;

// A browser stays quick up to a few thousand table rows and panels; a 100,000-conversation
// export has hundreds of thousands of findings. Past these budgets the page shows the worst
// and says where the rest are (the CSV and JSON reports list every finding).
export const HTML_FINDINGS_BUDGET = 5000;
const TABLE_ROWS_BUDGET = 500;

function gauge(score: number | null, grade: string): string {
  return renderChart({
    series: [{
      type: "gauge", startAngle: 220, endAngle: -40, min: 0, max: 100, radius: "92%", center: ["50%", "56%"],
      progress: { show: true, width: 16, roundCap: true, itemStyle: { color: gradeColor(grade) } },
      axisLine: { roundCap: true, lineStyle: { width: 16, color: [[1, "#edf0f3"]] } },
      pointer: { show: false }, axisTick: { show: false }, splitLine: { show: false }, axisLabel: { show: false }, anchor: { show: false },
      title: { show: true, offsetCenter: [0, "42%"], fontSize: 15, color: gradeColor(grade), fontWeight: 700, fontFamily: FONT },
      detail: { offsetCenter: [0, "2%"], fontSize: 46, fontWeight: 700, color: "#1f2933", fontFamily: FONT, formatter: () => (score === null ? "–" : String(score)) },
      data: [{ value: score ?? 0, name: `Grade ${grade}` }],
    }],
  }, 220, 190);
}

function distributionChart(report: Report): string {
  const bands = scoreDistribution(report.conversations);
  return renderChart({
    grid: { left: 44, right: 16, top: 28, bottom: 44 },
    xAxis: { type: "category", data: bands.map((b) => `${b.label}\n${b.grade}`), ...AXIS, axisTick: { show: false } },
    yAxis: { type: "value", minInterval: 1, ...AXIS, name: "conversations", nameTextStyle: { color: "#868e96", align: "left" } },
    series: [{
      type: "bar", barWidth: "62%",
      data: bands.map((b) => ({ value: b.count, itemStyle: { color: gradeColor(b.grade), borderRadius: [6, 6, 0, 0] } })),
      label: { show: true, position: "top", color: "#343a40", fontWeight: 600 },
    }],
  }, 560, 300);
}

function rulesChart(report: Report): string {
  const rules = [...report.rules].reverse(); // ECharts draws the first category at the bottom
  const before = new Map(report.baseline?.rules.map((r) => [r.id, r.before]) ?? []);
  const series: Record<string, unknown>[] = [{
    type: "bar", name: "now", barMaxWidth: 18, itemStyle: { color: "#495057" },
    data: rules.map((r) => ({ value: r.findings, itemStyle: { color: SEVERITY_COLOR[r.severity], borderRadius: [0, 6, 6, 0] } })),
    label: { show: true, position: "right", color: "#343a40", fontWeight: 600 },
  }];
  if (report.baseline) {
    series.push({
      type: "bar", name: "baseline", barMaxWidth: 10, barGap: "15%", itemStyle: { color: "#ced4da" },
      data: rules.map((r) => ({ value: before.get(r.id) ?? 0, itemStyle: { color: "#ced4da", borderRadius: [0, 4, 4, 0] } })),
      label: { show: true, position: "right", color: "#868e96", fontSize: 11 },
    });
  }
  return renderChart({
    grid: { left: 150, right: 40, top: report.baseline ? 30 : 10, bottom: 24 },
    legend: report.baseline ? { data: ["now", "baseline"], top: 0, right: 0, textStyle: { color: "#495057" } } : undefined,
    xAxis: { type: "value", minInterval: 1, ...AXIS },
    yAxis: { type: "category", data: rules.map((r) => shorten(r.id, 24)), ...AXIS, axisTick: { show: false } },
    series,
  }, 560, Math.max(220, 40 + rules.length * (report.baseline ? 40 : 32)));
}

/** The worst rows, worst at the top, as score bars coloured by grade. */
function rankChart(rows: GroupRow[], limit: number): string {
  const shown = rows.slice(0, limit).reverse();
  return renderChart({
    grid: { left: 150, right: 44, top: 10, bottom: 24 },
    xAxis: { type: "value", min: 0, max: 100, ...AXIS },
    yAxis: { type: "category", data: shown.map((r) => shorten(r.key)), ...AXIS, axisTick: { show: false } },
    series: [{
      type: "bar", barMaxWidth: 16,
      data: shown.map((r) => ({ value: r.score, itemStyle: { color: gradeColor(r.grade), borderRadius: [0, 6, 6, 0] } })),
      label: { show: true, position: "right", color: "#343a40", fontWeight: 600 },
    }],
  }, 560, Math.max(160, 34 + shown.length * 26));
}

/** Agents and teams whose score moved most since the baseline, drops in red. */
function moversChart(rows: GroupDelta[], limit: number): string {
  const moved = rows.filter((r) => r.delta !== null && r.delta !== 0).sort((a, b) => Math.abs(b.delta!) - Math.abs(a.delta!)).slice(0, limit).sort((a, b) => b.delta! - a.delta!);
  return renderChart({
    grid: { left: 150, right: 50, top: 10, bottom: 24 },
    xAxis: { type: "value", ...AXIS },
    yAxis: { type: "category", data: moved.map((r) => shorten(r.key)), ...AXIS, axisTick: { show: false }, axisLine: { show: false } },
    series: [{
      type: "bar", barMaxWidth: 16,
      data: moved.map((r) => ({ value: r.delta, itemStyle: { color: r.delta! < 0 ? "#e03131" : "#2f9e44" } })),
      label: { show: true, position: "right", color: "#343a40", fontWeight: 600, formatter: (p: { value: number }) => signed(p.value) },
    }],
  }, 560, Math.max(140, 34 + moved.length * 26));
}

/** A chart with a text alternative for screen readers (the SVG itself is only shapes and labels). */
const chartBox = (svg: string, label: string, extraClass = "") => `<div class="chart${extraClass}" role="img" aria-label="${h(label)}">${svg}</div>`;

const gradeBadge = (grade: string) => `<span class="grade" style="background:${gradeColor(grade)}">${h(grade)}</span>`;
const severityPill = (severity: string) => `<span class="pill sev-${h(severity)}">${h(severity)}</span>`;
const deltaCell = (delta: number | null, higherIsBetter = true) =>
  `<span class="${delta === null || delta === 0 ? "delta-same" : (delta > 0) === higherIsBetter ? "delta-up" : "delta-down"}">${h(signed(delta))}</span>`;

function groupTable(rows: GroupRow[], deltas: GroupDelta[] | undefined, title: string): string {
  const change = new Map((deltas ?? []).map((d) => [d.key, d.delta]));
  const body = rows.slice(0, TABLE_ROWS_BUDGET).map((r) => `<tr><td>${h(r.key)}</td><td class="num">${r.conversations}</td><td class="num">${r.score.toFixed(1)}</td><td>${gradeBadge(r.grade)}</td><td class="num">${r.findings}</td>${deltas ? `<td class="num">${deltaCell(change.get(r.key) ?? null)}</td>` : ""}</tr>`).join("");
  const more = rows.length > TABLE_ROWS_BUDGET ? `<p class="hint">… and ${rows.length - TABLE_ROWS_BUDGET} more in the JSON report.</p>` : "";
  return `<details><summary>${rows.length > TABLE_ROWS_BUDGET ? `The ${TABLE_ROWS_BUDGET} worst of ${rows.length} ${h(title)}s` : `All ${plural(rows.length, title)}`}</summary>${more}<table><thead><tr><th>${h(title)}</th><th class="num">Conversations</th><th class="num">Score</th><th>Grade</th><th class="num">Findings</th>${deltas ? `<th class="num">Change</th>` : ""}</tr></thead><tbody>${body}</tbody></table></details>`;
}

function rankCard(title: string, hint: string, rows: GroupRow[], deltas: GroupDelta[] | undefined, noun: string): string {
  if (rows.length === 0) return `<div class="card"><h2>${h(title)}</h2><p class="hint">No ${h(noun)}s in this export.</p></div>`;
  return `<div class="card"><h2>${h(title)}</h2><p class="hint">${h(hint)}</p>${chartBox(rankChart(rows, 12), rows.slice(0, 12).map((r) => `${r.key}: ${r.score}`).join(", "))}${groupTable(rows, deltas, noun)}</div>`;
}

function kpis(report: Report): string {
  const s = report.summary;
  const clean = report.conversations.filter((c) => c.findings.length === 0).length;
  const severities = SEVERITIES.filter((x) => s.by_severity[x]).reverse().map((x) => `<span class="pill sev-${x}">${num(s.by_severity[x]!)} ${x}</span>`).join("");
  const worstRule = [...report.rules].sort((a, b) => b.findings - a.findings)[0];
  const verdict = s.score === null ? "No conversations were audited." : s.score >= 90 ? "Service is in good shape." : s.score >= 80 ? "Mostly good, with gaps to close." : s.score >= 70 ? "Customers are noticing the gaps." : "Customers are being let down.";
  const cards = [
    `<div class="card score-card">${chartBox(gauge(s.score, s.grade), `Score ${s.score ?? "none"}, grade ${s.grade}`, " gauge")}<div class="verdict"><b>${h(verdict)}</b>Each conversation starts at 100 and loses the weight of each finding; the score is their mean.</div></div>`,
    `<div class="card kpi"><div class="label">Conversations</div><div class="value">${num(s.conversations)}</div><div class="note">${num(clean)} clean (${s.conversations ? Math.round((clean / s.conversations) * 100) : 0}%), ${num(s.conversations - clean)} with findings</div></div>`,
    `<div class="card kpi"><div class="label">Findings</div><div class="value">${num(s.findings)}</div><div class="chips">${severities || '<span class="note">none</span>'}</div></div>`,
  ];
  const b = report.baseline;
  if (b) {
    const d = b.score.delta;
    cards.push(`<div class="card kpi"><div class="label">Since the baseline</div><div class="value ${d === null || d === 0 ? "" : d > 0 ? "up" : "down"}">${d === null ? "–" : `${d > 0 ? "▲" : d < 0 ? "▼" : ""} ${h(signed(d))}`}</div><div class="note">was ${b.score.before ?? "–"} (${h(b.before.grade)})${b.before.as_of ? ` as of ${h(b.before.as_of.slice(0, 10))}` : ""}; ${b.new_findings.length} new, ${b.gone_findings.length} gone</div></div>`);
  } else if (worstRule && worstRule.findings > 0) {
    cards.push(`<div class="card kpi"><div class="label">Most frequent</div><div class="value" style="font-size:22px;margin:14px 0 10px">${h(worstRule.id)}</div><div class="note">${plural(worstRule.findings, "finding")} in ${plural(worstRule.conversations, "conversation")}</div></div>`);
  } else {
    cards.push(`<div class="card kpi"><div class="label">Rules</div><div class="value">${report.rules.length}</div><div class="note">none found anything</div></div>`);
  }
  return `<section class="kpis">${cards.join("")}</section>`;
}

function trendSection(b: BaselineComparison, anchors: Map<string, string>): string {
  const movers = [...b.agents, ...b.teams.map((r) => ({ ...r, key: `team ${r.key}` }))];
  const list = (items: Array<{ conversation: string; rule: string; message: string }>, target: Map<string, string>, limit: number) =>
    items.length === 0 ? `<p class="hint">None.</p>`
    : `<ul>${items.slice(0, limit).map((f) => {
        const anchor = target.get(f.conversation);
        const id = anchor ? `<a href="#${anchor}"><code>${h(f.conversation)}</code></a>` : `<code>${h(f.conversation)}</code>`;
        return `<li>${id} <code>${h(f.rule)}</code> ${h(f.message)}</li>`;
      }).join("")}${items.length > limit ? `<li class="hint">… and ${items.length - limit} more in the JSON report</li>` : ""}</ul>`;
  return `<section class="grid2 block">
<div class="card"><h2>Who moved since the baseline</h2><p class="hint">Score change of agents and teams seen in both reports, biggest moves first.</p>
${chartBox(moversChart(movers, 12), movers.filter((r) => r.delta).map((r) => `${r.key}: ${signed(r.delta)}`).join(", "))}</div>
<div class="card"><h2>Findings new and gone</h2><p class="hint">By conversation and rule, against the baseline${b.file ? ` <code>${h(b.file)}</code>` : ""}.</p>
<div class="changes"><div><b class="delta-down">${b.new_findings.length} new</b>${list(b.new_findings, anchors, 12)}</div><div><b class="delta-up">${b.gone_findings.length} gone</b>${list(b.gone_findings, new Map(), 12)}</div></div></div>
</section>`;
}

function findingsSection(report: Report, withFindings: ReportConversation[], shown: ReportConversation[], anchors: Map<string, string>): string {
  const rows: string[] = [];
  for (const c of shown) {
    const anchor = anchors.get(c.id)!;
    for (const f of c.findings) {
      rows.push(`<tr class="finding" data-target="${anchor}" data-rule="${h(f.rule)}"><td><a href="#${anchor}">${h(c.id)}</a></td><td>${severityPill(f.severity)}</td><td><code>${h(f.rule)}</code></td><td>${h(f.agent ?? "")}</td><td>${h(f.message)}</td><td class="num">${gradeBadge(c.grade)} ${c.score}</td></tr>`);
    }
  }
  const rules = report.rules.filter((r) => r.findings > 0).map((r) => `<option value="${h(r.id)}">${h(r.id)} (${r.findings})</option>`).join("");
  const omitted = withFindings.length - shown.length;
  const notice = omitted > 0
    ? `<p class="hint"><b>Showing the ${num(shown.length)} worst conversations (${num(rows.length)} findings) of ${num(withFindings.length)} with findings.</b> The CSV and JSON reports list every finding (<code>--format csv:findings.csv</code>).</p>`
    : "";
  return `<section class="card block" id="findings"><h2>Findings</h2><p class="hint">Worst conversations first. Click a finding to open its conversation and the evidence.</p>${notice}
<div class="toolbar"><input id="finding-search" type="search" placeholder="Search conversations, agents, messages…" aria-label="Search findings"><select id="finding-rule" aria-label="Rule"><option value="">All rules</option>${rules}</select><span class="count" id="finding-count">${rows.length} shown</span></div>
${rows.length === 0 ? `<p>No findings: every conversation met every rule.</p>` : `<table><thead><tr><th>Conversation</th><th>Severity</th><th>Rule</th><th>Agent</th><th>What happened</th><th class="num">Score</th></tr></thead><tbody>${rows.join("")}</tbody></table>`}</section>`;
}

function conversationPanel(c: ReportConversation, anchor: string, suppressed: NonNullable<Report["suppressions"]>["suppressed"]): string {
  const meta = [
    `${gradeBadge(c.grade)} score ${c.score}`,
    c.channel ? `channel ${h(c.channel)}` : "",
    c.queue ? `queue ${h(c.queue)}` : "",
    c.agents.length ? `agents ${c.agents.map(h).join(", ")}` : "no agent",
  ].filter(Boolean).map((m) => `<span>${m}</span>`).join("");
  const items = c.findings.map((f) => `<li><div class="head">${severityPill(f.severity)} <b>${h(f.rule)}</b>${f.at ? `<span>${h(f.at)}</span>` : ""}${f.agent ? `<span>agent ${h(f.agent)}</span>` : ""}${f.team ? `<span>team ${h(f.team)}</span>` : ""}<span>−${f.weight}</span></div><p>${h(f.message)}</p><blockquote>${h(f.evidence)}</blockquote></li>`);
  const quiet = suppressed.map((f) => `<li class="suppressed"><div class="head"><span class="pill" style="background:#f1f3f5;color:#495057">suppressed</span> <b>${h(f.rule)}</b><span>until ${h(f.expires)}: ${h(f.reason)}</span></div><p>${h(f.message)}</p><blockquote>${h(f.evidence)}</blockquote></li>`);
  return `<section class="conv" id="${anchor}" role="dialog" aria-label="Conversation ${h(c.id)}"><div class="sheet"><a class="close" href="#findings" aria-label="Close">×</a><h2>Conversation <code>${h(c.id)}</code></h2><div class="meta">${meta}</div><ol>${[...items, ...quiet].join("")}</ol></div></section>`;
}

function suppressionSection(sup: NonNullable<Report["suppressions"]>, anchors: Map<string, string>): string {
  const rows = sup.suppressed.slice(0, TABLE_ROWS_BUDGET).map((f) => {
    const anchor = anchors.get(f.conversation);
    return `<tr><td>${anchor ? `<a href="#${anchor}">${h(f.conversation)}</a>` : h(f.conversation)}</td><td><code>${h(f.rule)}</code></td><td>${h(f.agent ?? "")}</td><td>${h(f.reason)}</td><td>${h(f.expires)}</td></tr>`;
  }).join("");
  const notices = [...sup.expired.map((n) => ({ ...n, why: `expired on ${n.expires}${n.matches ? `; ${n.matches === 1 ? "its finding counts" : `its ${n.matches} findings count`} again` : ""}` })), ...sup.unused.map((n) => ({ ...n, why: "matched no finding" }))]
    .map((n) => `<li><code>${h(n.source)}</code> ${h([n.conversation, n.agent].filter(Boolean).join(" / "))} <code>${h(n.rule)}</code>: ${h(n.why)}</li>`).join("");
  return `<section class="card block"><h2>Suppressed findings (${sup.suppressed.length})</h2><p class="hint">Accepted cases from <code>${h(sup.file)}</code>, left out of the scores.</p>
${rows ? `<table><thead><tr><th>Conversation</th><th>Rule</th><th>Agent</th><th>Reason</th><th>Until</th></tr></thead><tbody>${rows}</tbody></table>` : ""}
${sup.suppressed.length > TABLE_ROWS_BUDGET ? `<p class="hint">… and ${sup.suppressed.length - TABLE_ROWS_BUDGET} more in the JSON report.</p>` : ""}
${notices ? `<p><b>To clean up</b></p><ul>${notices}</ul>` : ""}</section>`;
}

function inputSection(report: Report): string {
  const files = report.input.files.map((f) => `<tr><td><code>${h(f.path)}</code></td><td>${h(f.format)}</td><td class="num">${f.records}</td><td class="num">${f.accepted}</td><td class="num">${f.rejected}</td></tr>`).join("");
  const rejected = report.input.rejected.slice(0, 50).map((r) => `<li><code>${h(r.file)}:${r.line}</code> ${h(r.reason)}</li>`).join("");
  const more = report.input.rejected.length > 50 ? `<li>… and ${report.input.rejected.length - 50} more in the JSON report</li>` : "";
  return `<section class="card block"><h2>Input</h2><p class="hint">Every record read is audited or listed as rejected.</p><table><thead><tr><th>File</th><th>Format</th><th class="num">Records</th><th class="num">Audited</th><th class="num">Rejected</th></tr></thead><tbody>${files}</tbody></table>${rejected ? `<ul>${rejected}${more}</ul>` : ""}</section>`;
}

function gateBadge(report: Report): string {
  const g = report.gates;
  if (g.fail_under === undefined && g.fail_on === undefined && g.fail_on_regression === undefined) return `<div class="gate none">No gates set</div>`;
  return g.passed ? `<div class="gate pass">✓ Gates passed</div>` : `<div class="gate fail" title="${h(g.failures.join("; "))}">✗ ${h(g.failures.join("; "))}</div>`;
}

export const html: Reporter = (report) => {
  const s = report.summary;
  const withFindings = report.conversations.filter((c) => c.findings.length > 0).sort((a, b) => a.score - b.score || b.findings.length - a.findings.length);
  const suppressedBy = new Map<string, NonNullable<Report["suppressions"]>["suppressed"]>();
  for (const f of report.suppressions?.suppressed ?? []) suppressedBy.set(f.conversation, [...(suppressedBy.get(f.conversation) ?? []), f]);
  const shown: ReportConversation[] = [];
  let budget = HTML_FINDINGS_BUDGET;
  for (const c of withFindings) {
    if (budget <= 0) break;
    shown.push(c);
    budget -= c.findings.length;
  }
  const shownSuppressed = (report.suppressions?.suppressed ?? []).slice(0, TABLE_ROWS_BUDGET).map((f) => f.conversation);
  const clean = new Map(report.conversations.filter((c) => c.findings.length === 0).map((c) => [c.id, c]));
  const panelled = [...shown, ...[...new Set(shownSuppressed)].flatMap((id) => clean.get(id) ?? [])];
  // Panels are addressed by position, not by conversation id: ids from exports may hold any character.
  const anchors = new Map(panelled.map((c, i) => [c.id, `c${i + 1}`]));
  const files = report.input.files.length;
  const title = `Support audit: ${s.score ?? "–"} (${s.grade})`;

  const body = [
    `<header class="top"><div><h1>Support audit</h1><p class="sub">${h(plural(s.conversations, "conversation"))} from ${h(plural(files, "file"))} · as of ${h(s.as_of)} (${h(s.timezone)}) · rules ${report.rule_set.files.map((f) => `<code>${h(f)}</code>`).join(" + ")}</p></div>${gateBadge(report)}</header>`,
    kpis(report),
    `<section class="grid2"><div class="card"><h2>Score distribution</h2><p class="hint">Conversations by score band, lowest first.</p>${chartBox(distributionChart(report), scoreDistribution(report.conversations).map((b) => `${b.label}: ${b.count}`).join(", "))}</div>`,
    `<div class="card"><h2>Findings per rule</h2><p class="hint">Coloured by severity${report.baseline ? "; grey bars: the baseline" : ""}.</p>${chartBox(rulesChart(report), report.rules.map((r) => `${r.id}: ${r.findings}`).join(", "))}</div></section>`,
    `<section class="grid2">${rankCard("Agents, worst first", "Scored on the findings charged to them.", report.groups.agent, report.baseline?.agents, "agent")}${rankCard("Teams, worst first", "Scored on the findings charged to the team.", report.groups.team, report.baseline?.teams, "team")}</section>`,
    report.baseline ? trendSection(report.baseline, anchors) : "",
    findingsSection(report, withFindings, shown, anchors),
    report.suppressions ? suppressionSection(report.suppressions, anchors) : "",
    inputSection(report),
    `<footer>support-audit ${h(report.tool.version)} · this file is self-contained and makes no network requests</footer>`,
  ].join("\n");
  const panels = panelled.map((c) => conversationPanel(c, anchors.get(c.id)!, suppressedBy.get(c.id) ?? [])).join("\n");

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="support-audit ${h(report.tool.version)}">
<title>${h(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
${panels}
<script>${SCRIPT}</script>
</body>
</html>
`;
};
