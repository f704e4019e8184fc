import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";

// The report options end to end, on two weeks of a small export (week 2 is 2 points worse).
const FIXTURES = "test/fixtures/report";
const RULES = ["--rules", `${FIXTURES}/rules.yaml`];
const WEEK1 = [`${FIXTURES}/week1.jsonl`, ...RULES, "--as-of", "2026-11-12T00:00:00Z"];
const WEEK2 = [`${FIXTURES}/week2.jsonl`, ...RULES, "--as-of", "2026-11-19T00:00:00Z"];

const dir = mkdtempSync(join(tmpdir(), "report-cli-"));
const out = (name: string) => join(dir, name);
const lastWeek = out("week1.json");
const thisWeek = out("week2.json");
const first = runCli([...WEEK1, "--format", `json:${lastWeek}`]);
const second = runCli([...WEEK2, "--format", `json:${thisWeek}`]);

describe("several reports from one run", () => {
  it("writes each NAME:FILE and the plain format to standard output", () => {
    expect([first.code, second.code]).toEqual([0, 0]);
    const run = runCli([...WEEK2, "--format", "table", "--format", `html:${out("r.html")}`, "--format", `json:${out("r.json")}`, "--format", `csv:${out("r.csv")}`, "--format", `junit:${out("r.xml")}`, "--format", `markdown:${out("r.md")}`]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Score distribution");
    expect(JSON.parse(readFileSync(out("r.json"), "utf8")).summary).toMatchObject({ score: 91, conversations: 5, findings: 4 });
    expect(readFileSync(out("r.html"), "utf8")).toMatch(/^<!DOCTYPE html>/);
    expect(readFileSync(out("r.csv"), "utf8").trim().split("\r\n")).toHaveLength(1 + 4);
    expect(readFileSync(out("r.xml"), "utf8")).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="support-audit" tests="4" failures="4"/);
    expect(readFileSync(out("r.md"), "utf8")).toMatch(/^# Support audit: score 91 \(A\)/);
  });

  it("keeps --output for a single format", () => {
    const run = runCli([...WEEK2, "--format", "markdown", "--output", out("single.md")]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(readFileSync(out("single.md"), "utf8")).toContain("## Findings by rule");
  });

  it("refuses two reports to the same destination, and unknown formats", () => {
    const twice = runCli([...WEEK2, "--format", "table", "--format", "json"]);
    expect(twice.code).toBe(2);
    expect(twice.stderr.split("\n")[0]).toBe("support-audit: error: --format table and --format json would both write to standard output");
    const unknown = runCli([...WEEK2, "--format", `pdf:${out("x.pdf")}`]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown --format "pdf" \(known: table, json, markdown, csv, junit, html\)/);
    expect(existsSync(out("x.pdf"))).toBe(false);
  });
});

describe("--baseline and --fail-on-regression", () => {
  it("adds the deltas to the report", () => {
    const run = runCli([...WEEK2, "--baseline", lastWeek, "--format", "json"]);
    expect(run.code).toBe(0);
    const { baseline } = JSON.parse(run.stdout);
    expect(baseline.score).toEqual({ before: 93, after: 91, delta: -2 });
    expect(baseline.rules).toEqual([{ id: "slow-first-response", before: 2, after: 3, delta: 1 }, { id: "excessive-transfers", before: 1, after: 1, delta: 0 }]);
    expect(baseline.new_findings.map((f: { conversation: string }) => f.conversation)).toEqual(["T-2", "T-3", 'T-6 "<b>bold</b>" & co']);
    expect(baseline.gone_findings.map((f: { conversation: string; resolved: boolean }) => [f.conversation, f.resolved])).toEqual([["T-1", true], ["T-5", false]]);
    expect(baseline.teams.find((t: { key: string }) => t.key === "tech")).toMatchObject({ before: 91.7, after: 88.3, delta: -3.4 });
  });

  it("exits 1 when the score fell more than allowed, 0 otherwise", () => {
    const failed = runCli([...WEEK2, "--baseline", lastWeek, "--fail-on-regression", "1.5", "--format", `json:${out("gated.json")}`]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe("support-audit: gate failed: score fell 2 points from the baseline's 93 to 91 (allowed: 1.5)\n");
    expect(JSON.parse(readFileSync(out("gated.json"), "utf8")).gates).toMatchObject({ fail_on_regression: 1.5, passed: false });
    expect(runCli([...WEEK2, "--baseline", lastWeek, "--fail-on-regression", "2", "--format", `json:${out("ok.json")}`]).code).toBe(0);
  });

  it("shows the comparison in the table", () => {
    const run = runCli([...WEEK2, "--baseline", lastWeek]);
    expect(run.stdout).toContain(`Compared with the baseline ${lastWeek} of 2026-11-12T00:00:00Z`);
    expect(run.stdout).toMatch(/Score 93 → 91 {2}-2/);
  });

  it("rejects a regression gate without a baseline, and a bad baseline, in one line", () => {
    const alone = runCli([...WEEK2, "--fail-on-regression", "2"]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/--fail-on-regression needs --baseline/);
    writeFileSync(out("broken.json"), '{"summary": {"score": 90,}}');
    const broken = runCli([...WEEK2, "--baseline", out("broken.json")]);
    expect(broken.code).toBe(2);
    expect(broken.stderr.trim().split("\n")).toHaveLength(1);
    expect(broken.stderr).toMatch(/broken\.json:1:\d+: not valid JSON/);
  });
});

describe("support-audit compare", () => {
  it("prints the same comparison for two reports", () => {
    const run = runCli(["compare", lastWeek, thisWeek]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Score 93 → 91 {2}-2/);
    expect(run.stdout).toContain("3 new findings (by conversation and rule), 2 gone (1 in conversations audited again)");
    const json = JSON.parse(runCli(["compare", lastWeek, thisWeek, "--format", "json"]).stdout);
    const inline = JSON.parse(runCli([...WEEK2, "--baseline", lastWeek, "--format", "json"]).stdout).baseline;
    expect({ ...json, file: undefined }).toEqual({ ...inline, file: undefined, after: { ...inline.after } });
  });

  it("gates on a regression", () => {
    const run = runCli(["compare", lastWeek, thisWeek, "--fail-on-regression", "1"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Regression gate FAILED: score fell 2 points from the baseline's 93 to 91 (allowed: 1)");
  });

  it("validates both files: a bad one is a one-line error and exit 2", () => {
    writeFileSync(out("not-report.json"), JSON.stringify({ summary: { score: 1 } }));
    const run = runCli(["compare", lastWeek, out("not-report.json")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^support-audit: error: .*not-report\.json: not a support-audit JSON report \(support-audit --format json\): summary\.grade: missing\n$/);
    const missing = runCli(["compare", out("nope.json"), thisWeek]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^support-audit: error: cannot read report .*nope\.json: no such file\n$/);
  });
});

describe("--suppressions", () => {
  const run = runCli([...WEEK2, "--suppressions", `${FIXTURES}/suppressions.yaml`, "--format", "json"]);
  const report = JSON.parse(run.stdout);

  it("leaves suppressed findings out of the scores and lists them", () => {
    expect(run.code).toBe(0);
    expect(report.summary).toMatchObject({ findings: 2, score: 95 });
    expect(report.suppressions.suppressed.map((f: { conversation: string; rule: string }) => `${f.conversation}/${f.rule}`)).toEqual(["T-3/slow-first-response", 'T-6 "<b>bold</b>" & co/slow-first-response']);
    expect(report.conversations.find((c: { id: string }) => c.id === "T-3")).toMatchObject({ score: 100, findings: [] });
  });

  it("warns on standard error about expired and unused entries, and lists them in the report", () => {
    expect(run.stderr).toBe([
      `support-audit: warning: ${FIXTURES}/suppressions.yaml:15: suppression (conversation T-4 / excessive-transfers) expired on 2026-11-01; its finding counts again`,
      `support-audit: warning: ${FIXTURES}/suppressions.yaml:11: suppression (conversation T-9 / excessive-transfers) matched no finding; remove it if the case is closed`,
      "",
    ].join("\n"));
    expect(report.suppressions.expired).toEqual([expect.objectContaining({ conversation: "T-4", matches: 1 })]);
    expect(report.suppressions.unused).toEqual([expect.objectContaining({ conversation: "T-9" })]);
  });
});
