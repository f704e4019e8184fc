import { describe, expect, it } from "vitest";
import { tableReporter } from "../../src/report/reporters/table.js";
import { conversation, finding, sampleReport } from "./sample-report.js";

describe("table reporter", () => {
  it("never passes a transcript's control characters to the terminal", () => {
    const hostile = "\u001b[2J\u001b]0;pwned\u0007cleared\r\nnext line";
    const report = sampleReport([conversation(`T-\u001b[31m9`, [finding("long-hold", { evidence: hostile, message: `held\u0000 ${hostile}` })], { agents: ["a.\u001bkim"] })]);
    const text = tableReporter(report, { color: false, top: 10 });
    expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
    expect(text).toContain("\uFFFD[2J\uFFFD]0;pwned\uFFFDcleared next line");
  });

  it("uses no colour when told not to, and colour when told to", () => {
    const report = sampleReport();
    expect(tableReporter(report, { color: false, top: 10 })).not.toContain("\u001b[");
    expect(tableReporter(report, { color: true, top: 10 })).toContain("\u001b[");
  });
});
