import { describe, expect, it } from "vitest";
import type { AuditResult, ConversationResult } from "../../src/audit.js";
import { InputLedger } from "../../src/read/ledger.js";
import { buildReport, evaluateGates } from "../../src/report/report.js";
import type { Finding } from "../../src/rules/engine.js";
import { loadRuleSet } from "../../src/rules/load.js";
import { gradeOf, scoreOf } from "../../src/score/score.js";

const finding = (rule: string, weight: number, extra: Partial<Finding> = {}): Finding => ({
  rule, type: "response-time", severity: "warning", weight, message: "m", evidence: "e", ...extra,
});

describe("scores", () => {
  it("subtracts weights from 100, never below 0; a critical finding is 0", () => {
    expect(scoreOf([])).toBe(100);
    expect(scoreOf([finding("a", 10), finding("b", 15)])).toBe(75);
    expect(scoreOf([finding("a", 60), finding("b", 60)])).toBe(0);
    expect(scoreOf([finding("a", 1, { severity: "critical" })])).toBe(0);
  });

  it.each([[100, "A"], [90, "A"], [89.9, "B"], [80, "B"], [70, "C"], [60, "D"], [59.9, "F"], [0, "F"], [null, "-"]])("grades %s as %s", (score, grade) => {
    expect(gradeOf(score)).toBe(grade);
  });
});

describe("the report's groups", () => {
  const conversation = (id: string, agents: string[], findings: Finding[], extra: Partial<ConversationResult> = {}): ConversationResult => ({
    id, score: scoreOf(findings), agents, teams: [], findings, created_at: 0, origin: { file: "f", line: 1 }, channel: "email", ...extra,
  });
  const result: AuditResult = {
    ruleSet: loadRuleSet(),
    ledger: new InputLedger(),
    timezone: "UTC",
    asOf: 0,
    conversations: [
      conversation("1", ["a.kim", "j.lee"], [finding("slow-reply", 8, { agent: "j.lee", team: "payments" })], { teams: ["billing", "payments"], queue: "billing" }),
      conversation("2", ["a.kim"], [], { channel: "chat", queue: "billing" }),
      conversation("3", [], [finding("long-queue-wait", 10)], { channel: "phone" }),
    ],
  };
  const report = buildReport(result, {});

  it("charges agents and teams only for the findings that are theirs", () => {
    expect(report.groups.agent).toEqual([
      { key: "j.lee", conversations: 1, score: 92, grade: "A", findings: 1 },
      { key: "a.kim", conversations: 2, score: 100, grade: "A", findings: 0 },
    ]);
    expect(report.groups.team.map((t) => [t.key, t.score])).toEqual([["payments", 92], ["billing", 100]]);
  });

  it("scores channels and queues as the mean of their conversations, worst first", () => {
    expect(report.groups.channel.map((g) => [g.key, g.score])).toEqual([["phone", 90], ["email", 92], ["chat", 100]]);
    expect(report.groups.queue).toEqual([{ key: "billing", conversations: 2, score: 96, grade: "A", findings: 1 }]);
  });

  it("counts findings per rule and per severity, and the audit score as the mean", () => {
    expect(report.summary).toMatchObject({ score: 94, grade: "A", conversations: 3, findings: 2, by_severity: { warning: 2 } });
    expect(report.rules.find((r) => r.id === "slow-reply")).toMatchObject({ findings: 1, conversations: 1 });
  });
});

describe("gates", () => {
  const summary = { score: 72.5, grade: "C", conversations: 10, findings: 3, by_severity: { warning: 2, error: 1 }, as_of: "", timezone: "UTC" };
  it("fails under the score, and on a severity at or above the one named", () => {
    expect(evaluateGates(summary, { fail_under: 80 })).toEqual({ fail_under: 80, passed: false, failures: ["score 72.5 is under 80"] });
    expect(evaluateGates(summary, { fail_under: 70 }).passed).toBe(true);
    expect(evaluateGates(summary, { fail_on: "warning" }).failures).toEqual(["3 findings of severity warning or worse"]);
    expect(evaluateGates(summary, { fail_on: "critical" }).passed).toBe(true);
  });
  it("fails a score gate when nothing was audited", () => {
    expect(evaluateGates({ ...summary, score: null, conversations: 0 }, { fail_under: 50 }).passed).toBe(false);
  });
});
