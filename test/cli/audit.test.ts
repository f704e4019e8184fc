import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AS_OF, runCli } from "./run-cli.js";

const json = (args: string[]) => {
  const result = runCli([...args, "--format", "json", ...AS_OF]);
  return { ...result, report: JSON.parse(result.stdout) };
};

describe("support-audit on the bundled samples", () => {
  const { code, report, stderr } = json(["samples"]);

  it("exits 0 when no gate is set, findings or not", () => {
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(report.summary.findings).toBeGreaterThan(0);
  });

  it("writes the JSON report with the SPEC's keys", () => {
    expect(report.tool).toEqual({ name: "support-audit", version: expect.any(String) });
    expect(Object.keys(report.summary)).toEqual(expect.arrayContaining(["score", "grade", "conversations", "findings", "by_severity"]));
    expect(Object.keys(report.groups)).toEqual(["agent", "team", "channel", "queue"]);
    expect(report.rules[0]).toEqual(expect.objectContaining({ id: expect.any(String), type: expect.any(String), severity: expect.any(String), weight: expect.any(Number), findings: expect.any(Number), conversations: expect.any(Number) }));
    const finding = report.conversations.find((c: { findings: unknown[] }) => c.findings.length > 0).findings[0];
    expect(Object.keys(finding)).toEqual(expect.arrayContaining(["rule", "type", "severity", "message", "at", "evidence"]));
  });

  it("lists every accepted conversation, clean ones with empty findings, and accounts for every record", () => {
    const lines = ["samples/tickets.jsonl", "samples/calls.jsonl"].map((f) => readFileSync(f, "utf8").trim().split("\n").length).reduce((a, b) => a + b, 0);
    const csvConversations = new Set(readFileSync("samples/chat-export.csv", "utf8").trim().split("\n").slice(1).map((l) => l.split(",")[0])).size;
    expect(report.summary.conversations).toBe(lines + csvConversations);
    expect(report.conversations).toHaveLength(lines + csvConversations);
    expect(report.conversations.filter((c: { findings: unknown[] }) => c.findings.length === 0).length).toBeGreaterThan(0);
    for (const file of report.input.files) expect(file.records).toBe(file.accepted + file.rejected);
    expect(report.input.rejected).toEqual([]);
  });

  it("scores conversations and the audit by the stated formula", () => {
    for (const c of report.conversations) {
      const lost = c.findings.reduce((sum: number, f: { weight: number }) => sum + f.weight, 0);
      const critical = c.findings.some((f: { severity: string }) => f.severity === "critical");
      expect(c.score).toBe(critical ? 0 : Math.max(0, 100 - lost));
    }
    const mean = report.conversations.reduce((s: number, c: { score: number }) => s + c.score, 0) / report.conversations.length;
    expect(report.summary.score).toBeCloseTo(mean, 1);
  });

  it("has hits and clean cases for every default rule of the timing, transfer and feedback kinds", () => {
    for (const id of ["slow-first-response", "slow-reply", "long-queue-wait", "long-hold", "excessive-transfers", "ignored-feedback"]) {
      const rule = report.rules.find((r: { id: string }) => r.id === id);
      expect(rule.findings, id).toBeGreaterThan(0);
      expect(rule.conversations, id).toBeLessThan(report.summary.conversations);
    }
  });
});

describe("gates and exit codes", () => {
  it("exits 1 when the score is under --fail-under, 0 when above", () => {
    expect(json(["samples", "--fail-under", "99"]).code).toBe(1);
    const passed = json(["samples", "--fail-under", "50"]);
    expect(passed.code).toBe(0);
    expect(passed.report.gates).toMatchObject({ passed: true, fail_under: 50 });
  });

  it("exits 1 on --fail-on when a finding is that severe, and names the failure", () => {
    const failed = json(["samples", "--fail-on", "error"]);
    expect(failed.code).toBe(1);
    expect(failed.report.gates.failures[0]).toMatch(/^\d+ findings? of severity error or worse$/);
    expect(json(["samples", "--fail-on", "critical"]).code).toBe(0);
  });

  it("takes gates from the rule file; the command line wins", () => {
    const fromFile = json(["samples", "--rules", "test/fixtures/rules/team.yaml"]);
    expect(fromFile.report.gates.fail_under).toBe(85);
    expect(json(["samples", "--rules", "test/fixtures/rules/team.yaml", "--fail-under", "10"]).report.gates.fail_under).toBe(10);
  });

  it("shows the gate verdict in the table", () => {
    const table = runCli(["samples", "--fail-under", "99", ...AS_OF]);
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(/Gates FAILED \(score >= 99\): score [\d.]+ is under 99/);
  });

  it.each([
    [["samples", "--format", "yaml"], /unknown --format "yaml" \(known: table, json/],
    [["samples", "--fail-on", "fatal"], /--fail-on expects one of info, warning, error, critical, got "fatal"/],
    [["samples", "--fail-under", "abc"], /--fail-under expects a number from 0 to 100, got "abc"/],
    [["samples", "--timezone", "Mars/Base"], /--timezone: unknown time zone "Mars\/Base"/],
    [["samples", "--as-of", "soon"], /--as-of expects an ISO 8601 time, got "soon"/],
    [[], /no input given/],
    [["nowhere/"], /nowhere\/: no such file or folder/],
    [["samples", "--rules", "test/fixtures/rules/unknown-key.yaml"], /unknown-key\.yaml:4:5: rule 'slow-first-response': unknown key 'limt'/],
    [["test/fixtures/read/mixed.jsonl", "--strict"], /mixed\.jsonl:3: not valid JSON/],
  ])("exits 2 with a one-line error and no stack trace: %j", (args, message) => {
    const result = runCli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
    expect(result.stderr.split("\n")[0]).toMatch(/^support-audit: error: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("shows the stack of an error only with --debug", () => {
    const result = runCli(["nowhere/", "--debug"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\n\s+at /);
  });

  it("exits 2 on an unknown option", () => {
    const result = runCli(["samples", "--fail-undr", "3"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown option '--fail-undr'/);
  });

  it("audits with rejections listed (exit 0) unless --strict", () => {
    const result = json(["test/fixtures/read/mixed.jsonl"]);
    expect(result.code).toBe(0);
    expect(result.report.input.files[0]).toMatchObject({ records: 8, accepted: 2, rejected: 6 });
    expect(result.report.input.rejected[0]).toEqual({ file: "test/fixtures/read/mixed.jsonl", line: 3, reason: expect.stringMatching(/^not valid JSON/) });
  });
});

describe("input and output", () => {
  it("reads standard input with -", () => {
    const line = readFileSync("samples/tickets.jsonl", "utf8").split("\n")[0];
    const result = runCli(["-", "--format", "json", ...AS_OF], { input: `${line}\n` });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).summary.conversations).toBe(1);
  });

  it("writes the report to --output", () => {
    const out = join(mkdtempSync(join(tmpdir(), "sa-")), "report.json");
    const result = runCli(["samples", "--format", "json", "--output", out, ...AS_OF]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");
    expect(JSON.parse(readFileSync(out, "utf8")).summary.conversations).toBeGreaterThan(0);
  });

  it("audits a CSV of one's own with the mapping of a rule file, in business hours", () => {
    const { code, report } = json(["examples/csv-mapping", "--rules", "examples/csv-mapping/rules.yaml"]);
    expect(code).toBe(0);
    const hd1 = report.conversations.find((c: { id: string }) => c.id === "HD-1");
    expect(hd1.findings.map((f: { rule: string; message: string }) => [f.rule, f.message])).toEqual([["slow-first-response", "First reply after 7h40m (limit 2h for email)"]]);
    expect(hd1.findings[0].evidence).toContain("in business hours");
  });

  it("converts what it reads to canonical JSON Lines that read back the same", () => {
    const converted = runCli(["convert", "examples/csv-mapping", "--rules", "examples/csv-mapping/rules.yaml"]);
    expect(converted.code).toBe(0);
    expect(converted.stderr).toMatch(/converted 8 records from 2 files/);
    const back = runCli(["-", "--format", "json", "--rules", "examples/csv-mapping/rules.yaml", ...AS_OF], { input: converted.stdout });
    const direct = json(["examples/csv-mapping", "--rules", "examples/csv-mapping/rules.yaml"]);
    expect(JSON.parse(back.stdout).conversations).toEqual(direct.report.conversations);
  });
});

describe("rules commands", () => {
  it("validates a rule file", () => {
    expect(runCli(["rules", "validate", "test/fixtures/rules/team.yaml"])).toMatchObject({ code: 0, stdout: "test/fixtures/rules/team.yaml: valid, 10 rules, 1 switched off (slow-reply)\n" });
    const bad = runCli(["rules", "validate", "test/fixtures/rules/bad-values.yaml"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split("\n").filter((l) => l.includes("bad-values.yaml:"))).toHaveLength(4);
  });

  it("lists rules with thresholds and explains one with its rationale", () => {
    expect(runCli(["rules", "list"]).stdout).toMatch(/slow-first-response\s+response-time\s+warning\s+w10\s+metric: first_response, limit: 24h/);
    const explained = runCli(["explain", "long-hold"]);
    expect(explained.code).toBe(0);
    expect(explained.stdout).toMatch(/Why it matters:/);
    expect(runCli(["explain", "no-such-rule"]).code).toBe(2);
  });

  it("prints the JSON Schema that rules/schema.json ships", () => {
    const printed = runCli(["rules", "schema"]);
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.stdout)).toEqual(JSON.parse(readFileSync("rules/schema.json", "utf8")));
  });
});
