import { describe, expect, it } from "vitest";
import { junit } from "../../src/report/reporters/junit.js";
import { conversation, finding, sampleReport } from "./sample-report.js";

const ctx = { color: false, top: 10 };
const attrs = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag} ([^>]*)>`, "g"))].map((m) => Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]])));

describe("junit report", () => {
  it("has one suite per rule and one failing case per conversation the rule failed", () => {
    const report = sampleReport([
      conversation("T-1", [finding("slow-first-response"), finding("slow-first-response", { message: "second slow reply" })]),
      conversation("T-2", [finding("slow-first-response"), finding("excessive-transfers")]),
    ]);
    const xml = junit(report, ctx);
    const suites = attrs(xml, "testsuite");
    expect(suites.map((s) => [s.name, s.tests, s.failures])).toEqual([["slow-first-response", "2", "2"], ["excessive-transfers", "1", "1"], ["long-hold", "1", "0"]]);
    const cases = attrs(xml, "testcase");
    expect(cases.filter((c) => c.classname === "support-audit.slow-first-response").map((c) => c.name)).toEqual(["T-1", "T-2"]);
    // The rule that found nothing is a passing case, so the CI tab shows it ran.
    expect(cases.find((c) => c.classname === "support-audit.long-hold")!.name).toBe("no findings in 2 conversations");
    expect(attrs(xml, "testsuites")[0]).toMatchObject({ tests: "4", failures: "3", skipped: "0" });
    expect(xml).toContain("second slow reply");
  });

  it("escapes export text and drops characters XML cannot hold", () => {
    const report = sampleReport([conversation('T-<1> & "2"', [finding("slow-first-response", { message: "a\u0000b\u001bc", evidence: "<script>alert(1)</script> ]]>" })])]);
    const xml = junit(report, ctx);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(xml).toContain('name="T-&lt;1&gt; &amp; &quot;2&quot;"');
    expect(xml).toContain("&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt;");
    expect(xml).not.toContain("<script>");
  });

  it("reports suppressed findings as skipped cases and gates as a suite of their own", () => {
    const report = sampleReport([conversation("T-1", [finding("excessive-transfers")])]);
    report.gates = { fail_under: 90, passed: false, failures: ["score 85 is under 90"] };
    report.suppressions = {
      file: "s.yaml", entries: 1, expired: [], unused: [],
      suppressed: [{ conversation: "T-9", rule: "long-hold", type: "response-time", severity: "warning", message: "hold", evidence: "hold 5m", weight: 8, reason: "asked to wait", expires: "2026-12-31", source: "s.yaml:2" }],
    };
    const xml = junit(report, ctx);
    expect(xml).toMatch(/<testcase classname="support-audit.long-hold" name="T-9" time="0">\s*<skipped message="suppressed until 2026-12-31: asked to wait"\/>/);
    expect(xml).toMatch(/<testsuite name="gates" tests="1" failures="1"/);
    expect(xml).toContain('<failure message="score 85 is under 90" type="gate">');
  });
});
