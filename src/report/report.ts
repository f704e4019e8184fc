import type { AuditResult } from "../audit.js";
import type { Severity } from "../rules/fields.js";
import { SEVERITIES, severityRank } from "../rules/fields.js";
import { GroupScores, gradeOf, round1, scoreOf } from "../score/score.js";
import { formatInstant } from "../time/instant.js";
import { VERSION } from "../version.js";
import type { BaselineComparison } from "./baseline.js";
import type { SuppressionReport } from "./suppressions.js";

// The report as every reporter sees it. Its keys are SPEC section 2 (stable: scripts and CI
// jobs read them); keys beyond the SPEC are additions, never changes.

export interface ReportFinding {
  rule: string;
  type: string;
  severity: Severity;
  message: string;
  at?: string;
  agent?: string;
  team?: string;
  evidence: string;
  weight: number;
}

export interface ReportConversation {
  id: string;
  score: number;
  grade: string;
  channel?: string;
  queue?: string;
  agents: string[];
  findings: ReportFinding[];
}

export interface GroupRow {
  key: string;
  conversations: number;
  score: number;
  grade: string;
  findings: number;
}

export interface GateResult {
  fail_under?: number;
  fail_on?: Severity;
  /** Points the score may drop from the baseline's before the gate fails (--fail-on-regression). */
  fail_on_regression?: number;
  passed: boolean;
  failures: string[];
}

export interface Report {
  tool: { name: "support-audit"; version: string };
  summary: {
    score: number | null;
    grade: string;
    conversations: number;
    findings: number;
    by_severity: Partial<Record<Severity, number>>;
    as_of: string;
    timezone: string;
  };
  rules: Array<{ id: string; type: string; severity: Severity; weight: number; findings: number; conversations: number; description: string; rationale?: string }>;
  conversations: ReportConversation[];
  groups: { agent: GroupRow[]; team: GroupRow[]; channel: GroupRow[]; queue: GroupRow[] };
  input: {
    /** notes: what could not be done with a file (e.g. rules that need messages a metrics-only export lacks). */
    files: Array<{ path: string; format: string; records: number; accepted: number; rejected: number; notes?: string[] }>;
    rejected: Array<{ file: string; line: number; reason: string }>;
  };
  rule_set: { files: string[]; off: string[] };
  gates: GateResult;
  /** With --baseline: what changed since an earlier JSON report (src/report/baseline.ts). */
  baseline?: BaselineComparison;
  /** With --suppressions: findings left out of the scores, and entries to clean up. */
  suppressions?: SuppressionReport;
}

export interface Gates {
  fail_under?: number;
  fail_on?: Severity;
}

/** The gate verdict: exit 1 when any fails. Findings alone never fail a run. */
export function evaluateGates(summary: Report["summary"], gates: Gates): GateResult {
  const failures: string[] = [];
  if (gates.fail_under !== undefined) {
    if (summary.score === null) failures.push(`no conversations were audited, so the score cannot meet ${gates.fail_under}`);
    else if (summary.score < gates.fail_under) failures.push(`score ${summary.score} is under ${gates.fail_under}`);
  }
  if (gates.fail_on !== undefined) {
    const rank = severityRank(gates.fail_on);
    const count = SEVERITIES.filter((s) => severityRank(s) >= rank).reduce((n, s) => n + (summary.by_severity[s] ?? 0), 0);
    if (count > 0) failures.push(`${count} finding${count === 1 ? "" : "s"} of severity ${gates.fail_on} or worse`);
  }
  return { ...gates, passed: failures.length === 0, failures };
}

export function buildReport(result: AuditResult, gates: Gates): Report {
  const bySeverity: Partial<Record<Severity, number>> = {};
  const perRule = new Map<string, { findings: number; conversations: number }>(result.ruleSet.rules.map((r) => [r.id, { findings: 0, conversations: 0 }]));
  const groups = { agent: new GroupScores(), team: new GroupScores(), channel: new GroupScores(), queue: new GroupScores() };
  let scoreSum = 0;
  let findingCount = 0;

  for (const c of result.conversations) {
    scoreSum += c.score;
    findingCount += c.findings.length;
    const rulesHit = new Set<string>();
    for (const f of c.findings) {
      bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
      perRule.get(f.rule)!.findings++;
      rulesHit.add(f.rule);
    }
    for (const id of rulesHit) perRule.get(id)!.conversations++;
    // People are scored on the findings charged to them; places on the whole conversation.
    for (const agent of c.agents) {
      const own = c.findings.filter((f) => f.agent === agent);
      groups.agent.add(agent, scoreOf(own), own.length);
    }
    for (const team of new Set([...c.teams, ...c.findings.flatMap((f) => (f.team ? [f.team] : []))])) {
      const own = c.findings.filter((f) => f.team === team);
      groups.team.add(team, scoreOf(own), own.length);
    }
    if (c.channel) groups.channel.add(c.channel, c.score, c.findings.length);
    if (c.queue) groups.queue.add(c.queue, c.score, c.findings.length);
  }

  const count = result.conversations.length;
  const score = count === 0 ? null : round1(scoreSum / count);
  const summary: Report["summary"] = {
    score, grade: gradeOf(score), conversations: count, findings: findingCount, by_severity: bySeverity,
    as_of: formatInstant(result.asOf, result.timezone), timezone: result.timezone,
  };
  return {
    tool: { name: "support-audit", version: VERSION },
    summary,
    rules: result.ruleSet.rules.map((r) => ({
      id: r.id, type: r.type, severity: r.severity, weight: r.weight, ...perRule.get(r.id)!, description: r.description, rationale: r.rationale,
    })),
    conversations: result.conversations.map((c) => ({
      id: c.id, score: c.score, grade: gradeOf(c.score), channel: c.channel, queue: c.queue, agents: c.agents,
      // The engine's findings have the report's shape already: shared, not copied (large audits).
      findings: c.findings,
    })),
    groups: { agent: groups.agent.rows(), team: groups.team.rows(), channel: groups.channel.rows(), queue: groups.queue.rows() },
    input: { files: [...result.ledger.files.values()], rejected: result.ledger.rejections },
    rule_set: { files: result.ruleSet.files, off: result.ruleSet.off },
    gates: evaluateGates(summary, gates),
  };
}
