import { UserError } from "../errors.js";
import type { Reporter } from "./reporter.js";

// `--format NAME[:FILE]`, repeatable: one run writes several reports. A format without a
// file goes to --output (or standard output); two reports may not share one destination.

export interface OutputSpec {
  format: string;
  reporter: Reporter;
  /** undefined = standard output. */
  file?: string;
}

export function parseOutputSpecs(specs: string[], output: string | undefined, reporters: ReadonlyMap<string, Reporter>): OutputSpec[] {
  const known = () => [...reporters.keys()].join(", ");
  const parsed = (specs.length === 0 ? ["table"] : specs).map((spec) => {
    // Split at the first colon only, so "html:C:\\reports\\week.html" keeps its drive letter.
    const colon = spec.indexOf(":");
    const format = colon < 0 ? spec : spec.slice(0, colon);
    const file = colon < 0 ? output : spec.slice(colon + 1);
    const reporter = reporters.get(format);
    if (!reporter) throw new UserError(`unknown --format "${format}" (known: ${known()})`, "write a format as NAME or NAME:FILE, e.g. --format html:report.html");
    if (file === "") throw new UserError(`--format "${spec}": no file after the colon`, "write NAME:FILE, e.g. --format html:report.html, or NAME alone for standard output");
    return { format, reporter, file: file === "-" ? undefined : file };
  });
  const seen = new Map<string, string>();
  for (const p of parsed) {
    const where = p.file ?? "standard output";
    const other = seen.get(where);
    if (other !== undefined) {
      throw new UserError(
        `--format ${other} and --format ${p.format} would both write to ${where}`,
        "give each format its own file: --format table --format html:report.html --format json:report.json",
      );
    }
    seen.set(where, p.format);
  }
  return parsed;
}
