import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, csv, inertCell } from "../../src/report/reporters/csv.js";
import { compareReports } from "../../src/report/baseline.js";
import { conversation, finding, sampleReport } from "./sample-report.js";

const ctx = { color: false, top: 10 };
const rowsOf = (text: string): Record<string, string>[] => parse(text, { columns: true });

describe("csv report", () => {
  it("writes one row per finding with the documented header", () => {
    const report = sampleReport();
    const text = csv(report, ctx);
    expect(text.split("\r\n")[0]).toBe(CSV_COLUMNS.join(","));
    const rows = rowsOf(text);
    expect(rows).toHaveLength(report.summary.findings);
    expect(rows.map((r) => [r.conversation, r.rule])).toEqual([["T-1", "slow-first-response"], ["T-1", "excessive-transfers"], ["T-2", "slow-first-response"]]);
    expect(rows[0]).toMatchObject({ conversation_score: "75", severity: "warning", weight: "10", agent: "a.kim", status: "open" });
  });

  it("makes cells a spreadsheet would run as formulas inert, and keeps quotes, commas and line breaks", () => {
    const evil = ['=HYPERLINK("http://x.test","click")', "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1"];
    const report = sampleReport(evil.map((text, i) => conversation(`C-${i}`, [finding("slow-first-response", { message: text, evidence: `line one, "quoted"\nline two` })])));
    const rows = rowsOf(csv(report, ctx));
    expect(rows.map((r) => r.message)).toEqual(evil.map((text) => `'${text}`));
    for (const r of rows) expect(r.evidence).toBe(`line one, "quoted"\nline two`);
  });

  it("leaves ordinary text alone", () => {
    expect(inertCell("First reply after 2h")).toBe("First reply after 2h");
    expect(inertCell("a=b")).toBe("a=b");
  });

  it("marks findings new since the baseline and lists suppressed ones as such", () => {
    const before = sampleReport([conversation("T-1", [finding("slow-first-response")])]);
    const report = sampleReport();
    report.baseline = compareReports(before, report as never);
    report.suppressions = {
      file: "s.yaml", entries: 1, expired: [], unused: [],
      suppressed: [{ conversation: "T-3", rule: "long-hold", type: "response-time", severity: "warning", message: "On hold 5m", agent: "j.lee", evidence: "hold 5m", weight: 8, reason: "customer asked to wait", expires: "2026-12-31", source: "s.yaml:2" }],
    };
    const rows = rowsOf(csv(report, ctx));
    expect(rows.map((r) => `${r.conversation}/${r.rule}/${r.status}`)).toEqual([
      "T-1/slow-first-response/open", "T-1/excessive-transfers/new", "T-2/slow-first-response/new", "T-3/long-hold/suppressed",
    ]);
    expect(rows[3]!.suppression_reason).toBe("customer asked to wait");
  });
});
