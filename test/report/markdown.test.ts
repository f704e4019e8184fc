import { describe, expect, it } from "vitest";
import { compareReports } from "../../src/report/baseline.js";
import { markdown, mdText } from "../../src/report/reporters/markdown.js";
import { conversation, finding, sampleReport } from "./sample-report.js";

const ctx = { color: false, top: 10 };

describe("markdown report", () => {
  it("leads with the score and grade, then the tables", () => {
    const text = markdown(sampleReport(), ctx);
    expect(text.split("\n")[0]).toBe("# Support audit: score 88.3 (B)");
    expect(text).toContain("## Score distribution");
    expect(text).toContain("| `slow-first-response` | warning | 10 | 2 | 2 |");
    expect(text).toContain("## Agents, worst first");
  });

  it("quotes evidence as inert text: no HTML, no table breaks, no mentions", () => {
    const report = sampleReport([conversation("T-1", [finding("slow-first-response", { agent: "x|y", evidence: "<script>alert(1)</script> | @everyone\nsecond line" })])]);
    report.groups.agent = [{ key: "x|y", conversations: 1, score: 90, grade: "A", findings: 1 }];
    const text = markdown(report, ctx);
    expect(text).not.toContain("<script>");
    expect(text).toContain("> \\<script\\>alert(1)\\</script\\> \\| @\u200beveryone second line");
    expect(text).toContain("| x\\|y | 1 | 90.0 | A | 1 |");
  });

  it("escapes Markdown markup and list starts", () => {
    expect(mdText("**bold** [link](http://x) `code`")).toBe("\\*\\*bold\\*\\* \\[link\\](http://x) \\`code\\`");
    expect(mdText("- not a list")).toBe("\\- not a list");
  });

  it("adds the comparison with a baseline: score change, new and gone findings", () => {
    const before = sampleReport([conversation("T-1", [finding("long-hold")]), conversation("T-2", [])]);
    const report = sampleReport();
    report.baseline = compareReports(before, report as never, "last-week.json");
    const text = markdown(report, ctx);
    expect(text.split("\n")[0]).toMatch(/^# Support audit: score 88.3 \(B\) ▼ -6.7 since the baseline$/);
    expect(text).toContain("## Compared with the baseline");
    expect(text).toContain("**New findings since the baseline** (3)");
    expect(text).toContain("- `T-1` `long-hold` long-hold happened");
  });
});
