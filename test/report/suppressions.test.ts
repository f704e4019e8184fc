import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AuditResult, ConversationResult } from "../../src/audit.js";
import { UserError } from "../../src/errors.js";
import type { Finding } from "../../src/rules/engine.js";
import { applySuppressions, loadSuppressions, suppressionWarnings, type Suppression } from "../../src/report/suppressions.js";

const dir = mkdtempSync(join(tmpdir(), "suppressions-"));
const file = (text: string) => {
  const path = join(dir, `s${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(path, text);
  return path;
};
const errorOf = (text: string) => {
  try {
    loadSuppressions(file(text));
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message.replace(/^.*\/s\w+\.yaml/, "FILE");
  }
  throw new Error("expected an error");
};

describe("loading a suppressions file", () => {
  it("reads entries by conversation or agent, with where each is written", () => {
    const path = file(`suppressions:
  - conversation: T-1
    rule: slow-reply
    reason: customer asked us to wait
    expires: 2026-12-31
  - agent: a.kim
    rule: long-hold
    reason: training week
    expires: "2026-12-01"
`);
    expect(loadSuppressions(path)).toEqual([
      { conversation: "T-1", rule: "slow-reply", reason: "customer asked us to wait", expires: "2026-12-31", source: `${path}:2` },
      { agent: "a.kim", rule: "long-hold", reason: "training week", expires: "2026-12-01", source: `${path}:6` },
    ]);
  });

  it("accepts a bare list and numeric conversation ids", () => {
    expect(loadSuppressions(file("- { conversation: 1001, rule: r, reason: known, expires: 2027-01-01 }\n"))[0]!.conversation).toBe("1001");
  });

  it("names file and line of a bad entry and what was expected", () => {
    expect(errorOf("- { conversation: T-1, rule: r, expires: 2026-12-31 }\n- { conversation: T-2, rule: r, reason: x, expires: 2026-12-31 }\n")).toBe("FILE:1: suppression 1: missing required key 'reason'");
    expect(errorOf("- { conversation: T-1, rule: r, reason: ok, expires: 2026-12-31 }\n- { conversation: T-2, rule: r, reason: x, expires: next week }\n")).toBe("FILE:2: suppression 2: expires: expected a date as YYYY-MM-DD");
    expect(errorOf("- { rule: r, reason: x, expires: 2026-12-31 }\n")).toBe("FILE:1: suppression 1: name a conversation or an agent (or both) for the rule");
    expect(errorOf("- { conversation: T-1, rule: r, reason: x, expires: 2026-12-31, until: 2027-01-01 }\n")).toMatch(/^FILE:1: suppression 1: unknown key 'until'/);
    expect(errorOf("suppressions: [\n")).toMatch(/^FILE:\d+:\d+: /);
    expect(errorOf("rules: {}\n")).toMatch(/^FILE:1: expected a list of suppressions/);
  });
});

function finding(rule: string, agent: string, weight = 10): Finding {
  return { rule, type: "response-time", severity: "warning", weight, message: `${rule} by ${agent}`, agent, evidence: "e" };
}
function result(conversations: Array<[string, Finding[]]>): AuditResult {
  return {
    conversations: conversations.map(([id, findings]): ConversationResult => ({
      id, findings, score: Math.max(0, 100 - findings.reduce((s, f) => s + f.weight, 0)), agents: [], teams: [], created_at: 0, origin: { file: "f", line: 1 },
    })),
    ruleSet: { files: [], rules: [], off: [] } as unknown as AuditResult["ruleSet"],
    ledger: undefined as unknown as AuditResult["ledger"],
    timezone: "UTC",
    asOf: Date.parse("2026-11-20T12:00:00Z"),
  };
}
const entry = (e: Partial<Suppression>): Suppression => ({ rule: "slow-reply", reason: "known", expires: "2026-12-31", source: "s.yaml:1", ...e });

describe("applying suppressions", () => {
  const audit = result([
    ["T-1", [finding("slow-reply", "a.kim"), finding("long-hold", "a.kim", 8)]],
    ["T-2", [finding("slow-reply", "j.lee")]],
    ["T-3", [finding("long-hold", "j.lee", 8)]],
  ]);

  it("takes suppressed findings out of the scores and lists them", () => {
    const { result: kept, report } = applySuppressions(audit, [entry({ conversation: "T-1" }), entry({ agent: "j.lee", rule: "long-hold" })], "s.yaml");
    expect(kept.conversations.map((c) => [c.id, c.score, c.findings.map((f) => f.rule)])).toEqual([
      ["T-1", 92, ["long-hold"]], ["T-2", 90, ["slow-reply"]], ["T-3", 100, []],
    ]);
    expect(report.suppressed.map((f) => `${f.conversation}/${f.rule}/${f.reason}`)).toEqual(["T-1/slow-reply/known", "T-3/long-hold/known"]);
    expect(report.expired).toEqual([]);
    expect(report.unused).toEqual([]);
  });

  it("stops applying an entry after its expiry day, and warns about it and about unused entries", () => {
    const expired = entry({ conversation: "T-2", expires: "2026-11-19", source: "s.yaml:4" });
    const lastDay = entry({ conversation: "T-1", expires: "2026-11-20", source: "s.yaml:8" });
    const unused = entry({ conversation: "T-404", source: "s.yaml:12" });
    const { result: kept, report } = applySuppressions(audit, [expired, lastDay, unused], "s.yaml");
    expect(kept.conversations.find((c) => c.id === "T-2")!.findings).toHaveLength(1);
    expect(kept.conversations.find((c) => c.id === "T-1")!.findings.map((f) => f.rule)).toEqual(["long-hold"]);
    expect(suppressionWarnings(report)).toEqual([
      "s.yaml:4: suppression (conversation T-2 / slow-reply) expired on 2026-11-19; its finding counts again",
      "s.yaml:12: suppression (conversation T-404 / slow-reply) matched no finding; remove it if the case is closed",
    ]);
  });
});
