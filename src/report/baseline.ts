import { readFileSync } from "node:fs";
import { z } from "zod";
import { UserError } from "../errors.js";
import { round1 } from "../score/score.js";
import type { GateResult, Report } from "./report.js";

// A baseline is a JSON report from an earlier run (SPEC section 2). Comparing two reports
// reads only the SPEC's stable keys, so a baseline written by an older version still works.

/** The parts of a JSON report a comparison reads; other keys are allowed and ignored. */
const findingSchema = z.looseObject({
  rule: z.string(),
  severity: z.string(),
  message: z.string(),
  agent: z.string().optional(),
});
const groupRowSchema = z.looseObject({ key: z.string(), conversations: z.number(), score: z.number() });
export const comparableReportSchema = z.looseObject({
  tool: z.looseObject({ name: z.string(), version: z.string() }).optional(),
  summary: z.looseObject({
    score: z.number().nullable(),
    grade: z.string(),
    conversations: z.number(),
    findings: z.number(),
    as_of: z.string().optional(),
  }),
  rules: z.array(z.looseObject({ id: z.string(), findings: z.number(), conversations: z.number() })),
  conversations: z.array(z.looseObject({ id: z.string(), findings: z.array(findingSchema) })),
  groups: z.looseObject({ agent: z.array(groupRowSchema).default([]), team: z.array(groupRowSchema).default([]) }),
});
export type ComparableReport = z.output<typeof comparableReportSchema>;

export interface ScoreDelta {
  before: number | null;
  after: number | null;
  /** after - before, one decimal; null when either side has no score. */
  delta: number | null;
}

export interface RuleDelta {
  id: string;
  /** Findings of the rule; null when the rule was not in that run's rule set. */
  before: number | null;
  after: number | null;
  delta: number | null;
}

export interface GroupDelta extends ScoreDelta {
  key: string;
  conversations_before: number;
  conversations_after: number;
}

/** Findings of one rule in one conversation: the unit that is new or gone. */
export interface FindingChange {
  conversation: string;
  rule: string;
  severity: string;
  message: string;
  agent?: string;
  /** How many findings of this rule the conversation has (on the side it is found). */
  count: number;
}

export interface GoneFinding extends FindingChange {
  /** The conversation was audited again and the rule no longer fires (not just absent from the export). */
  resolved: boolean;
}

export interface BaselineComparison {
  /** The baseline file, as given. */
  file?: string;
  before: { score: number | null; grade: string; conversations: number; findings: number; as_of?: string };
  after: { score: number | null; grade: string; conversations: number; findings: number; as_of?: string };
  score: ScoreDelta;
  rules: RuleDelta[];
  agents: GroupDelta[];
  teams: GroupDelta[];
  new_findings: FindingChange[];
  gone_findings: GoneFinding[];
}

const delta = (before: number | null | undefined, after: number | null | undefined): number | null =>
  before === null || before === undefined || after === null || after === undefined ? null : round1(after - before);

function groupDeltas(before: ComparableReport["groups"]["agent"], after: ComparableReport["groups"]["agent"]): GroupDelta[] {
  const old = new Map(before.map((r) => [r.key, r]));
  const now = new Map(after.map((r) => [r.key, r]));
  const keys = [...new Set([...now.keys(), ...old.keys()])];
  return keys
    .map((key) => {
      const b = old.get(key);
      const a = now.get(key);
      return { key, before: b?.score ?? null, after: a?.score ?? null, delta: delta(b?.score, a?.score), conversations_before: b?.conversations ?? 0, conversations_after: a?.conversations ?? 0 };
    })
    // Biggest drops first; people only on one side after those who can be compared.
    .sort((x, y) => (x.delta ?? Infinity) - (y.delta ?? Infinity) || x.key.localeCompare(y.key));
}

/** Findings grouped by conversation id + rule, the key that says "the same finding". */
function findingsByKey(report: ComparableReport): Map<string, FindingChange> {
  const keyed = new Map<string, FindingChange>();
  for (const c of report.conversations) {
    for (const f of c.findings) {
      const key = JSON.stringify([c.id, f.rule]);
      const seen = keyed.get(key);
      if (seen) seen.count++;
      else keyed.set(key, { conversation: c.id, rule: f.rule, severity: f.severity, message: f.message, agent: f.agent, count: 1 });
    }
  }
  return keyed;
}

export function compareReports(before: ComparableReport, after: ComparableReport, file?: string): BaselineComparison {
  const oldRules = new Map(before.rules.map((r) => [r.id, r.findings]));
  const newRules = new Map(after.rules.map((r) => [r.id, r.findings]));
  const ruleIds = [...new Set([...newRules.keys(), ...oldRules.keys()])];
  const oldFindings = findingsByKey(before);
  const newFindings = findingsByKey(after);
  const stillAudited = new Set(after.conversations.map((c) => c.id));
  const side = (r: ComparableReport) => ({
    score: r.summary.score, grade: r.summary.grade, conversations: r.summary.conversations, findings: r.summary.findings, as_of: r.summary.as_of,
  });
  return {
    file,
    before: side(before),
    after: side(after),
    score: { before: before.summary.score, after: after.summary.score, delta: delta(before.summary.score, after.summary.score) },
    rules: ruleIds.map((id) => ({ id, before: oldRules.get(id) ?? null, after: newRules.get(id) ?? null, delta: delta(oldRules.get(id), newRules.get(id)) })),
    agents: groupDeltas(before.groups.agent, after.groups.agent),
    teams: groupDeltas(before.groups.team, after.groups.team),
    new_findings: [...newFindings].filter(([key]) => !oldFindings.has(key)).map(([, f]) => f),
    gone_findings: [...oldFindings].filter(([key]) => !newFindings.has(key)).map(([, f]) => ({ ...f, resolved: stillAudited.has(f.conversation) })),
  };
}

/** Adds the --fail-on-regression verdict to the gates already evaluated. */
export function withRegressionGate(gates: GateResult, comparison: BaselineComparison, points: number): GateResult {
  const failures = [...gates.failures];
  const { before, after } = comparison.score;
  if (before !== null && after !== null && round1(before - after) > points) {
    failures.push(`score fell ${round1(before - after)} points from the baseline's ${before} to ${after} (allowed: ${points})`);
  }
  return { ...gates, fail_on_regression: points, passed: failures.length === 0, failures };
}

/** Line and column of a character offset, for JSON syntax errors. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

/** Reads and validates a JSON report; a bad file is a one-line UserError naming it. */
export function readReportFile(path: string): ComparableReport {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UserError(`cannot read report ${path}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
  if (text.trim() === "") throw new UserError(`${path}: empty file, expected a JSON report (support-audit --format json)`);
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    const message = (e as Error).message;
    // Node 20 says "at position N"; newer versions say "(line L column C)".
    const position = /position (\d+)/.exec(message);
    const where = position ? lineColumn(text, Number(position[1])) : (/line (\d+) column (\d+)/.exec(message)?.slice(1, 3).join(":") ?? "1:1");
    throw new UserError(`${path}:${where}: not valid JSON (${message.replace(/\s*\(line \d+ column \d+\)/, "").replace(/ in JSON at position \d+.*$/, "")}), expected a JSON report (support-audit --format json)`);
  }
  const parsed = comparableReportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path.map(String).join(".") || "(top level)";
    const value = issue.path.reduce<unknown>((node, k) => (node !== null && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[k] : undefined), data);
    const what = issue.code === "invalid_type" && value === undefined ? "missing" : issue.message.replace(/^Invalid input: /, "");
    throw new UserError(`${path}: not a support-audit JSON report (support-audit --format json): ${key}: ${what}`);
  }
  return parsed.data;
}

/** The comparison for a report built in this run. */
export function compareWithBaseline(baseline: ComparableReport, report: Report, file?: string): BaselineComparison {
  // A report of this run has every key the schema reads (Report is SPEC section 2).
  return compareReports(baseline, report as unknown as ComparableReport, file);
}
