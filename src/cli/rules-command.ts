import type { Command } from "commander";
import { loadRuleSet } from "../rules/load.js";
import { ruleTypes } from "../rules/registry.js";
import type { Rule } from "../rules/rule.js";
import { ruleSetJsonSchema } from "../rules/ruleset-schema.js";
import { UserError } from "../errors.js";

const show = (value: unknown): string => {
  if (typeof value === "number" && value >= 1) return String(value);
  return typeof value === "object" ? JSON.stringify(value) : String(value);
};

/** Parameters as a user would write them back (durations with units). */
function paramsText(rule: Rule): string {
  const type = ruleTypes.get(rule.type)!;
  return Object.entries(rule.rawParams)
    .filter(([k]) => k in type.params.shape)
    .map(([k, v]) => `${k}: ${show(v)}`)
    .join(", ");
}

function overridesText(rule: Rule): string[] {
  return rule.overrides.map((o) => `  when ${Object.entries(o.where).map(([k, v]) => `${k}=${(v as string[]).join("|")}`).join(" ")}: ${Object.entries(o.params).map(([k, v]) => `${k}: ${show(v)}`).join(", ")}`);
}

export function explain(id: string, rulesFile?: string): string {
  const ruleSet = loadRuleSet(rulesFile);
  const rule = ruleSet.rules.find((r) => r.id === id);
  if (!rule) {
    const type = ruleTypes.get(id);
    if (type) return `rule type ${type.name}: ${type.summary}\n\n${type.docs}\n\nparameters:\n${Object.entries(type.params.shape).map(([k, s]) => `  ${k}: ${(s as { description?: string }).description ?? ""}`).join("\n")}\n`;
    const off = ruleSet.off.includes(id) ? " (it is switched off in this rule set)" : "";
    throw new UserError(`no rule or rule type "${id}"${off}`, `known rules: ${ruleSet.rules.map((r) => r.id).join(", ")}`);
  }
  const type = ruleTypes.get(rule.type)!;
  const lines = [
    `${rule.id}  (${rule.type}, ${rule.severity}, weight ${rule.weight})`,
    "",
    rule.description,
    "",
    `parameters: ${paramsText(rule)}`,
    ...overridesText(rule),
    rule.where ? `applies to: ${Object.entries(rule.where).map(([k, v]) => `${k}=${(v as string[]).join("|")}`).join(" ")}` : "applies to: every conversation",
    `message: ${rule.message ?? type.defaultMessage}`,
    `defined in: ${rule.file}`,
  ];
  if (rule.rationale) lines.push("", "Why it matters:", `  ${rule.rationale}`);
  lines.push("", `How ${rule.type} works:`, ...type.docs.split("\n").map((l) => `  ${l}`));
  return lines.join("\n") + "\n";
}

export function registerRules(program: Command, run: (code: Promise<number> | number) => void): void {
  const rules = program.command("rules").description("check, list and describe rule sets");
  rules
    .command("validate")
    .description("check a rule set file (and what it extends); exit 2 with every problem found")
    .argument("[file]", "rule set file (default: the shipped default)")
    .action((file?: string) => run((() => {
      const set = loadRuleSet(file);
      process.stdout.write(`${set.files[set.files.length - 1]}: valid, ${set.rules.length} rules${set.off.length ? `, ${set.off.length} switched off (${set.off.join(", ")})` : ""}\n`);
      return 0;
    })()));
  rules
    .command("list")
    .description("list the rules of a rule set with their thresholds")
    .option("-r, --rules <file>", "rule set file (default: the shipped default)")
    .action((flags: { rules?: string }) => run((() => {
      const set = loadRuleSet(flags.rules);
      const width = Math.max(...set.rules.map((r) => r.id.length));
      for (const r of set.rules) {
        process.stdout.write(`${r.id.padEnd(width)}  ${r.type.padEnd(14)} ${r.severity.padEnd(8)} w${String(r.weight).padEnd(3)} ${paramsText(r)}\n`);
        for (const o of overridesText(r)) process.stdout.write(`${" ".repeat(width)}${o}\n`);
      }
      if (set.off.length) process.stdout.write(`off: ${set.off.join(", ")}\n`);
      return 0;
    })()));
  rules
    .command("schema")
    .description("print the JSON Schema of rule set files (for editor completion and checks)")
    .action(() => run((() => {
      process.stdout.write(JSON.stringify(ruleSetJsonSchema(), null, 2) + "\n");
      return 0;
    })()));
  rules
    .command("types")
    .description("list the rule types a rule's `type:` can name")
    .action(() => run((() => {
      for (const t of ruleTypes.values()) process.stdout.write(`${t.name.padEnd(14)} ${t.summary}\n`);
      return 0;
    })()));

  program
    .command("explain")
    .description("explain a rule (or rule type): what it checks, its thresholds and why it matters")
    .argument("<rule>", "rule id (slow-first-response) or rule type (response-time)")
    .option("-r, --rules <file>", "rule set file (default: the shipped default)")
    .action((id: string, flags: { rules?: string }) => run((() => {
      process.stdout.write(explain(id, flags.rules));
      return 0;
    })()));
}
