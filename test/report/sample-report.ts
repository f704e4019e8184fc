import type { Report, ReportConversation, ReportFinding } from "../../src/report/report.js";

// A small report built by hand, so reporter tests do not move when rules or readers change.

export function finding(rule: string, overrides: Partial<ReportFinding> = {}): ReportFinding {
  return {
    rule, type: rule === "excessive-transfers" ? "transfers" : "response-time", severity: rule === "excessive-transfers" ? "error" : "warning",
    message: `${rule} happened`, at: "2026-11-16T09:00:00Z", agent: "a.kim", team: "billing", evidence: `evidence of ${rule}`,
    weight: rule === "excessive-transfers" ? 15 : 10, ...overrides,
  };
}

export function conversation(id: string, findings: ReportFinding[], overrides: Partial<ReportConversation> = {}): ReportConversation {
  const score = Math.max(0, 100 - findings.reduce((s, f) => s + f.weight, 0));
  const grade = score >= 90 ? "A" : score >= 80 ? "B" : score >= 70 ? "C" : score >= 60 ? "D" : "F";
  return { id, score, grade, channel: "email", queue: "billing", agents: [...new Set(findings.flatMap((f) => (f.agent ? [f.agent] : [])))], findings, ...overrides };
}

export function sampleReport(conversations: ReportConversation[] = defaultConversations()): Report {
  const findings = conversations.flatMap((c) => c.findings);
  const count = (rule: string) => findings.filter((f) => f.rule === rule).length;
  const convs = (rule: string) => conversations.filter((c) => c.findings.some((f) => f.rule === rule)).length;
  const score = conversations.length ? Math.round((conversations.reduce((s, c) => s + c.score, 0) / conversations.length) * 10) / 10 : null;
  const bySeverity: Report["summary"]["by_severity"] = {};
  for (const f of findings) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
  return {
    tool: { name: "support-audit", version: "0.0.0-test" },
    summary: { score, grade: score === null ? "-" : score >= 90 ? "A" : score >= 80 ? "B" : "C", conversations: conversations.length, findings: findings.length, by_severity: bySeverity, as_of: "2026-11-19T00:00:00Z", timezone: "UTC" },
    rules: [
      { id: "slow-first-response", type: "response-time", severity: "warning", weight: 10, findings: count("slow-first-response"), conversations: convs("slow-first-response"), description: "First reply too late." },
      { id: "excessive-transfers", type: "transfers", severity: "error", weight: 15, findings: count("excessive-transfers"), conversations: convs("excessive-transfers"), description: "Passed on too often." },
      { id: "long-hold", type: "response-time", severity: "warning", weight: 8, findings: count("long-hold"), conversations: convs("long-hold"), description: "On hold too long." },
    ],
    conversations,
    groups: {
      agent: [{ key: "a.kim", conversations: 2, score: 82.5, grade: "B", findings: 3 }, { key: "j.lee", conversations: 1, score: 100, grade: "A", findings: 0 }],
      team: [{ key: "billing", conversations: 3, score: 88.3, grade: "B", findings: 3 }],
      channel: [{ key: "email", conversations: 3, score: 88.3, grade: "B", findings: 3 }],
      queue: [],
    },
    input: { files: [{ path: "week.jsonl", format: "canonical", records: conversations.length, accepted: conversations.length, rejected: 0 }], rejected: [] },
    rule_set: { files: ["rules.yaml"], off: [] },
    gates: { passed: true, failures: [] },
  };
}

export function defaultConversations(): ReportConversation[] {
  return [
    conversation("T-1", [finding("slow-first-response"), finding("excessive-transfers", { agent: "j.lee" })]),
    conversation("T-2", [finding("slow-first-response", { evidence: 'customer wrote "<script>alert(1)</script> where is my refund?"' })]),
    conversation("T-3", []),
  ];
}
