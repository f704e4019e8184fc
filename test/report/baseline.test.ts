import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareReports, readReportFile, withRegressionGate } from "../../src/report/baseline.js";
import { UserError } from "../../src/errors.js";
import { conversation, finding, sampleReport } from "./sample-report.js";

describe("comparison with a baseline", () => {
  const before = sampleReport([
    conversation("T-1", [finding("slow-first-response"), finding("long-hold")]),
    conversation("T-2", [finding("excessive-transfers")]),
    conversation("T-5", [finding("long-hold")]),
  ]);
  const after = sampleReport([
    conversation("T-1", [finding("slow-first-response"), finding("slow-first-response")]),
    conversation("T-2", []),
    conversation("T-6", [finding("excessive-transfers")]),
  ]);
  before.groups.agent = [{ key: "a.kim", conversations: 3, score: 80, grade: "B", findings: 4 }, { key: "gone.agent", conversations: 1, score: 70, grade: "C", findings: 1 }];
  after.groups.agent = [{ key: "a.kim", conversations: 3, score: 84.5, grade: "B", findings: 3 }, { key: "new.agent", conversations: 1, score: 90, grade: "A", findings: 1 }];
  const cmp = compareReports(before, after, "old.json");

  it("gives the overall score change", () => {
    expect(cmp.score).toEqual({ before: before.summary.score, after: after.summary.score, delta: Math.round((after.summary.score! - before.summary.score!) * 10) / 10 });
  });

  it("gives per-rule finding changes", () => {
    expect(cmp.rules).toEqual([
      { id: "slow-first-response", before: 1, after: 2, delta: 1 },
      { id: "excessive-transfers", before: 1, after: 1, delta: 0 },
      { id: "long-hold", before: 2, after: 0, delta: -2 },
    ]);
  });

  it("gives per-agent score changes, with people on one side only kept but not compared", () => {
    expect(cmp.agents[0]).toEqual({ key: "a.kim", before: 80, after: 84.5, delta: 4.5, conversations_before: 3, conversations_after: 3 });
    expect(cmp.agents.slice(1).map((a) => [a.key, a.delta])).toEqual([["gone.agent", null], ["new.agent", null]]);
  });

  it("keys new and gone findings by conversation id and rule", () => {
    expect(cmp.new_findings.map((f) => `${f.conversation}/${f.rule}/${f.count}`)).toEqual(["T-6/excessive-transfers/1"]);
    expect(cmp.gone_findings.map((f) => `${f.conversation}/${f.rule}/${f.resolved}`)).toEqual(["T-1/long-hold/true", "T-2/excessive-transfers/true", "T-5/long-hold/false"]);
  });

  it("fails the regression gate only on a drop larger than allowed", () => {
    const base = { passed: true, failures: [] };
    const drop = compareReports(sampleReport([conversation("A", [])]), sampleReport([conversation("A", [finding("long-hold")])]));
    expect(drop.score.delta).toBe(-10);
    expect(withRegressionGate(base, drop, 10)).toMatchObject({ passed: true, fail_on_regression: 10 });
    const failed = withRegressionGate(base, drop, 9.9);
    expect(failed.passed).toBe(false);
    expect(failed.failures).toEqual(["score fell 10 points from the baseline's 100 to 90 (allowed: 9.9)"]);
  });
});

describe("reading a baseline file", () => {
  const dir = mkdtempSync(join(tmpdir(), "baseline-"));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const errorOf = (path: string) => {
    try {
      readReportFile(path);
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      return (e as Error).message;
    }
    throw new Error("expected an error");
  };

  it("reads a JSON report", () => {
    expect(readReportFile(file("ok.json", JSON.stringify(sampleReport()))).summary.conversations).toBe(3);
  });

  it("names the file, line and column of a JSON syntax error", () => {
    expect(errorOf(file("bad.json", '{\n  "summary": {,\n}'))).toMatch(/bad\.json:2:\d+: not valid JSON/);
  });

  it("names the missing or wrong key of a JSON file that is not a report", () => {
    expect(errorOf(file("other.json", '{"name": "package"}'))).toMatch(/other\.json: not a support-audit JSON report \(support-audit --format json\): summary: missing$/);
    const wrong = sampleReport() as unknown as { summary: { score: unknown } };
    wrong.summary.score = "high";
    expect(errorOf(file("wrong.json", JSON.stringify(wrong)))).toMatch(/wrong\.json: not a support-audit JSON report \(support-audit --format json\): summary\.score: expected number/);
  });

  it("says so for an empty or missing file", () => {
    expect(errorOf(file("empty.json", "  \n"))).toMatch(/empty\.json: empty file/);
    expect(errorOf(join(dir, "nope.json"))).toMatch(/cannot read report .*nope\.json: no such file/);
  });
});
