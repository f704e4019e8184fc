import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli } from "../cli/run-cli.js";

// The weekly CI example must keep working as the CLI changes: its audit step is run here
// against the report fixtures, with its files swapped for them.
const WORKFLOW = "examples/github-actions/weekly-audit.yml";
const FIXTURES = "test/fixtures/report";

interface Step { name?: string; run?: string; uses?: string; with?: Record<string, unknown> }

describe("the weekly GitHub Actions example", () => {
  const steps: Step[] = parse(readFileSync(WORKFLOW, "utf8")).jobs.audit.steps;
  const dir = mkdtempSync(join(tmpdir(), "weekly-"));

  it("runs an audit step the CLI accepts, gating on score and regression, writing the reports it keeps", () => {
    const audit = steps.find((s) => s.name === "Audit")!.run!;
    const baselineArgs = /BASELINE_ARGS=(.*?)" >>/.exec(steps.find((s) => s.name?.startsWith("Last week"))!.run!)![1]!;
    const words = audit
      .replace(/\\\n/g, " ")
      .replace("$BASELINE_ARGS", baselineArgs)
      .replace(/--as-of "\$\(date[^"]*\)"/, "--as-of 2026-11-19T00:00:00Z")
      .trim().split(/\s+/);
    expect(words[0]).toBe("support-audit");
    const swap: Record<string, string> = {
      "exports/": `${FIXTURES}/week2.jsonl`,
      "support-rules.yaml": `${FIXTURES}/rules.yaml`,
      "suppressions.yaml": `${FIXTURES}/suppressions.yaml`,
    };
    const args = words.slice(1).map((w) => swap[w] ?? w.replace(/^(\w+):(.*)$/, (_, format: string, file: string) => `${format}:${join(dir, file)}`).replace(/^baseline\//, `${dir}/baseline/`));

    // Last week's run, as the artifact download would leave it.
    mkdirSync(join(dir, "baseline"));
    expect(runCli([`${FIXTURES}/week1.jsonl`, "--rules", `${FIXTURES}/rules.yaml`, "--as-of", "2026-11-12T00:00:00Z", "--format", `json:${join(dir, "baseline", "report.json")}`]).code).toBe(0);

    const run = runCli(args);
    expect(run.stdout).toContain("Gates passed (score >= 80, no drop over 3 from the baseline)");
    expect(run.code).toBe(0);
    const kept = steps.find((s) => s.uses?.startsWith("actions/upload-artifact"))!.with!.path as string;
    for (const file of kept.trim().split("\n")) expect(readFileSync(join(dir, file.trim()), "utf8").length).toBeGreaterThan(0);
    expect(readFileSync(join(dir, "summary.md"), "utf8")).toMatch(/^# Support audit: score 95 \(A\) ▲ \+2 since the baseline/);
  });
});
