import { Command, CommanderError } from "commander";
import { UserError } from "../errors.js";
import { VERSION } from "../version.js";
import { registerAudit } from "./audit-command.js";
import { registerRules } from "./rules-command.js";
import { registerConvert } from "./convert-command.js";
import { registerCompare } from "./compare-command.js";

// Exit codes are a contract with CI jobs: 0 the audit ran (findings alone never fail it),
// 1 a gate failed, 2 bad usage, a bad rule file or unreadable input.
export const EXIT = { OK: 0, GATE_FAILED: 1, USAGE: 2 } as const;

function reportError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // commander has printed its own message (unknown option, missing argument...).
    return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  }
  if (error instanceof UserError) {
    process.stderr.write(`support-audit: error: ${error.message}\n`);
    if (error.hint) process.stderr.write(`hint: ${error.hint}\n`);
    if (debug) process.stderr.write(`${error.stack}\n`);
    return EXIT.USAGE;
  }
  const err = error as NodeJS.ErrnoException;
  if (err?.code === "EPIPE") return EXIT.OK; // the reader of our output went away (| head)
  process.stderr.write(`support-audit: internal error: ${err?.message ?? String(error)}\n`);
  process.stderr.write(debug ? `${err?.stack}\n` : "hint: run again with --debug for the stack trace, and report it\n");
  return EXIT.USAGE;
}

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes("--debug");
  const args = argv.filter((a) => a !== "--debug");
  let code: number = EXIT.OK;
  const run = (work: Promise<number> | number) => Promise.resolve(work).then((c) => void (code = c));

  const program = new Command("support-audit")
    .description("Audit exported support tickets and call logs against a YAML rule set and print a scored report.")
    .version(VERSION, "-V, --version")
    .exitOverride()
    .showHelpAfterError("(run support-audit --help for usage)")
    .addHelpText("after", `
Global option:
  --debug      show stack traces of errors

Exit codes: 0 the audit ran, 1 a gate failed (--fail-under, --fail-on), 2 bad usage or input.

Examples:
  support-audit samples/
  support-audit exports/ --rules team.yaml --format json --output report.json
  support-audit week.jsonl --fail-under 80 --fail-on error
  support-audit explain slow-first-response`);
  registerAudit(program, run);
  registerRules(program, run);
  registerConvert(program, run);
  registerCompare(program, run);
  for (const command of program.commands) command.exitOverride();
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(EXIT.OK);
  });

  try {
    await program.parseAsync(args, { from: "user" });
  } catch (error) {
    return reportError(error, debug);
  }
  return code;
}
