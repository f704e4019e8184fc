import { Chalk } from "chalk";
import type { Command } from "commander";
import { UserError } from "../errors.js";
import { compareReports, readReportFile, withRegressionGate } from "../report/baseline.js";
import { comparisonLines } from "../report/comparison-text.js";
import { comparisonMarkdown } from "../report/reporters/markdown.js";
import { useColor, writeOutput } from "./output.js";

// `support-audit compare OLD.json NEW.json`: the same comparison --baseline adds to a report,
// for two reports already written (last week's and this week's).

interface CompareFlags {
  format: string;
  output?: string;
  failOnRegression?: string;
}

const FORMATS = ["table", "json", "markdown"] as const;

export function compareCommand(oldPath: string, newPath: string, flags: CompareFlags): number {
  if (!(FORMATS as readonly string[]).includes(flags.format)) throw new UserError(`compare: unknown --format "${flags.format}" (known: ${FORMATS.join(", ")})`);
  let points: number | undefined;
  if (flags.failOnRegression !== undefined) {
    points = Number(flags.failOnRegression);
    if (!Number.isFinite(points) || points < 0 || points > 100) throw new UserError(`--fail-on-regression expects a number from 0 to 100, got "${flags.failOnRegression}"`);
  }
  const comparison = compareReports(readReportFile(oldPath), readReportFile(newPath), oldPath);
  const gates = points === undefined ? undefined : withRegressionGate({ passed: true, failures: [] }, comparison, points);
  const toFile = flags.output !== undefined && flags.output !== "-";
  let text: string;
  if (flags.format === "json") text = JSON.stringify({ ...comparison, ...(gates ? { gates } : {}) }, null, 2) + "\n";
  else if (flags.format === "markdown") text = comparisonMarkdown(comparison, 20);
  else {
    const c = new Chalk({ level: !toFile && useColor() ? 2 : 0 });
    const lines = comparisonLines(comparison, c, 10);
    if (gates) lines.push("", gates.passed ? `${c.green("Regression gate passed")} ${c.dim(`(no drop over ${points})`)}` : `${c.red.bold("Regression gate FAILED")}: ${gates.failures.join("; ")}`);
    text = lines.join("\n") + "\n";
  }
  writeOutput(text, flags.output);
  if (gates && !gates.passed && (toFile || flags.format !== "table")) process.stderr.write(`support-audit: gate failed: ${gates.failures.join("; ")}\n`);
  return gates && !gates.passed ? 1 : 0;
}

export function registerCompare(program: Command, run: (code: Promise<number>) => void): void {
  program
    .command("compare")
    .description("compare two JSON reports (an earlier run and a later one): score, rule, agent and team deltas, new and gone findings")
    .argument("<old>", "the earlier JSON report (support-audit --format json)")
    .argument("<new>", "the later JSON report")
    .option("-f, --format <name>", `output format: ${FORMATS.join(", ")}`, "table")
    .option("-o, --output <file>", "write the comparison to a file instead of standard output")
    .option("--fail-on-regression <points>", "exit 1 when the score fell more than this many points")
    .action((oldPath: string, newPath: string, flags: CompareFlags) => run(Promise.resolve().then(() => compareCommand(oldPath, newPath, flags))));
}
