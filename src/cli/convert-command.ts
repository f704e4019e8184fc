import type { Command } from "commander";
import { UserError } from "../errors.js";
import { toCanonicalRecord } from "../read/canonical.js";
import { InputLedger } from "../read/ledger.js";
import { readConversations } from "../read/read.js";
import { openSources } from "../read/source.js";
import { loadRuleSet } from "../rules/load.js";
import { isValidZone } from "../time/instant.js";

interface ConvertFlags {
  rules?: string;
  inputFormat?: string;
  timezone?: string;
  strict?: boolean;
}

/** Writes what was read as canonical JSON Lines; rejections go to stderr. */
async function convert(inputs: string[], flags: ConvertFlags): Promise<number> {
  if (inputs.length === 0) throw new UserError("no input given", "support-audit convert exports/ > conversations.jsonl");
  const ruleSet = loadRuleSet(flags.rules);
  const zone = flags.timezone ?? ruleSet.timezone ?? "UTC";
  if (!isValidZone(zone)) throw new UserError(`--timezone: unknown time zone "${zone}"`);
  const ledger = new InputLedger(flags.strict);
  const sources = await openSources(inputs);
  for await (const { conversation } of readConversations(sources, { zone, ledger, input: ruleSet.input, format: flags.inputFormat })) {
    if (!process.stdout.write(JSON.stringify(toCanonicalRecord(conversation)) + "\n")) {
      await new Promise((resolve) => process.stdout.once("drain", resolve));
    }
  }
  for (const r of ledger.rejections) process.stderr.write(`rejected ${r.file}:${r.line}: ${r.reason}\n`);
  const files = [...ledger.files.values()];
  for (const f of files) for (const note of f.notes ?? []) process.stderr.write(`note ${f.path}: ${note}\n`);
  process.stderr.write(`converted ${ledger.accepted} records from ${files.length} file${files.length === 1 ? "" : "s"} (${files.map((f) => `${f.path}: ${f.format}`).join(", ")}); ${ledger.rejected} rejected\n`);
  return 0;
}

export function registerConvert(program: Command, run: (code: Promise<number>) => void): void {
  program
    .command("convert")
    .description("write the conversations read from exports as canonical JSON Lines (to check a mapping, or pipe on)")
    .argument("[inputs...]", "export files, folders, or - for standard input")
    .option("-r, --rules <file>", "rule set whose input.map section maps CSV columns")
    .option("--input-format <name>", "read every input as this format instead of detecting it")
    .option("--timezone <zone>", "IANA zone for times without an offset (default: the rule set's, else UTC)")
    .option("--strict", "stop with an error at the first rejected record")
    .action((inputs: string[], flags: ConvertFlags) => run(convert(inputs, flags)));
}
