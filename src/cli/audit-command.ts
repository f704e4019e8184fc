import type { Command } from "commander";
import { runAudit } from "../audit.js";
import { UserError } from "../errors.js";
import { InputLedger } from "../read/ledger.js";
import { openSources } from "../read/source.js";
import { compareWithBaseline, readReportFile, withRegressionGate } from "../report/baseline.js";
import { parseOutputSpecs } from "../report/output-specs.js";
import { buildReport } from "../report/report.js";
import { applySuppressions, loadSuppressions, suppressionWarnings } from "../report/suppressions.js";
import { reporters } from "../report/reporters/index.js";
import { SEVERITIES, type Severity } from "../rules/fields.js";
import { loadRuleSet } from "../rules/load.js";
import { isValidZone, parseInstant } from "../time/instant.js";
import { useColor, writeOutput } from "./output.js";
import { startProgress } from "./progress.js";

export interface AuditFlags {
  rules?: string;
  format?: string[];
  output?: string;
  baseline?: string;
  failOnRegression?: string;
  suppressions?: string;
  inputFormat?: string;
  timezone?: string;
  asOf?: string;
  strict?: boolean;
  failUnder?: string;
  failOn?: string;
  top: string;
}

function number(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new UserError(`${flag} expects a number from ${min} to ${max}, got "${value}"`);
  return n;
}

/** Runs an audit; returns the exit code (0 ran, 1 a gate failed). */
export async function auditCommand(inputs: string[], flags: AuditFlags): Promise<number> {
  const outputs = parseOutputSpecs(flags.format ?? [], flags.output, reporters);
  const regression = number("--fail-on-regression", flags.failOnRegression, 0, 100);
  if (regression !== undefined && flags.baseline === undefined) throw new UserError("--fail-on-regression needs --baseline: the JSON report of an earlier run to compare with");
  // Check every flag and read the baseline and suppressions before the audit: a typo fails fast.
  const baseline = flags.baseline === undefined ? undefined : readReportFile(flags.baseline);
  const suppressions = flags.suppressions === undefined ? undefined : loadSuppressions(flags.suppressions);
  if (flags.failOn !== undefined && !(SEVERITIES as readonly string[]).includes(flags.failOn)) {
    throw new UserError(`--fail-on expects one of ${SEVERITIES.join(", ")}, got "${flags.failOn}"`);
  }
  const failUnder = number("--fail-under", flags.failUnder, 0, 100);
  const top = number("--top", flags.top, 0, 100000)!;
  const ruleSet = loadRuleSet(flags.rules);
  const timezone = flags.timezone ?? ruleSet.timezone ?? "UTC";
  if (!isValidZone(timezone)) throw new UserError(`--timezone: unknown time zone "${timezone}"`, 'use an IANA name such as "Europe/Sofia", or "UTC"');
  const asOf = flags.asOf === undefined ? Date.now() : parseInstant(flags.asOf, timezone);
  if (asOf === undefined) throw new UserError(`--as-of expects an ISO 8601 time, got "${flags.asOf}"`);
  if (inputs.length === 0) throw new UserError("no input given", "name export files or folders, or - to read standard input: support-audit exports/");

  const ledger = new InputLedger(flags.strict);
  const sources = await openSources(inputs);
  const progress = startProgress();
  let result;
  try {
    result = await runAudit({
      sources, ruleSet, ledger, timezone, asOf, inputFormat: flags.inputFormat,
      onProgress: (p) => progress.update(p.conversations, p.findings),
    });
  } finally {
    progress.stop();
  }
  const gates = {
    fail_under: failUnder ?? ruleSet.gates.fail_under,
    fail_on: (flags.failOn as Severity | undefined) ?? ruleSet.gates.fail_on,
  };
  let suppressionReport;
  if (suppressions !== undefined) {
    ({ result, report: suppressionReport } = applySuppressions(result, suppressions, flags.suppressions!));
    for (const warning of suppressionWarnings(suppressionReport)) process.stderr.write(`support-audit: warning: ${warning}\n`);
  }
  const report = buildReport(result, gates);
  if (suppressionReport) report.suppressions = suppressionReport;
  if (baseline !== undefined) {
    report.baseline = compareWithBaseline(baseline, report, flags.baseline);
    if (regression !== undefined) report.gates = withRegressionGate(report.gates, report.baseline, regression);
  }
  for (const output of outputs) writeOutput(output.reporter(report, { color: output.file === undefined && useColor(), top }), output.file);
  const tableOnScreen = outputs.some((o) => o.file === undefined && o.format === "table");
  if (!tableOnScreen && !report.gates.passed) process.stderr.write(`support-audit: gate failed: ${report.gates.failures.join("; ")}\n`);
  return report.gates.passed ? 0 : 1;
}

export function registerAudit(program: Command, run: (code: Promise<number>) => void): void {
  program
    .command("audit", { isDefault: true })
    .description("audit export files or folders (or - for standard input) and print a scored report")
    .argument("[inputs...]", "export files, folders, or - for standard input")
    .option("-r, --rules <file>", "rule set file (YAML); default: the shipped rules/default.yaml")
    .option("-f, --format <name[:file]>", `report format: ${[...reporters.keys()].join(", ")}; repeat it for several reports, each NAME:FILE to its own file (default: table)`, (value: string, previous: string[] = []) => [...previous, value])
    .option("-o, --output <file>", "write the report to a file instead of standard output")
    .option("--baseline <report.json>", "compare with the JSON report of an earlier run: score, rule, agent and team deltas, new and gone findings")
    .option("--fail-on-regression <points>", "exit 1 when the score fell more than this many points from the --baseline")
    .option("--suppressions <file>", "YAML list of accepted findings (rule + conversation or agent, reason, expires) left out of the scores")
    .option("--input-format <name>", "read every input as this format instead of detecting it")
    .option("--timezone <zone>", "IANA zone for times without an offset and for the report (default: the rule set's, else UTC)")
    .option("--as-of <time>", "the time the export was taken: waits still running are counted until then (default: now)")
    .option("--strict", "stop with an error (exit 2) at the first rejected record instead of listing it")
    .option("--fail-under <score>", "exit 1 when the audit's score is below this (0-100)")
    .option("--fail-on <severity>", `exit 1 when any finding is this severe or worse (${SEVERITIES.join(", ")})`)
    .option("--top <n>", "how many of the worst conversations to show in the table", "10")
    .action((inputs: string[], flags: AuditFlags) => run(auditCommand(inputs, flags)));
}
