import { readFileSync } from "node:fs";
import { dirname, resolve, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { z } from "zod";
import { RuleSetError, UserError, type RuleSetProblem } from "../errors.js";
import type { BusinessCalendar } from "../time/business-hours.js";
import { DEFAULT_LEXICONS, defaultLexicons, loadLexicons, unknownGroups, type LexiconSet } from "../text/lexicon.js";
import { commonRuleFields, type Severity } from "./fields.js";
import { ruleTypes } from "./registry.js";
import { COMMON_VARS, type Rule } from "./rule.js";
import { businessHoursSchema, isCommonKey, ruleSchemaFor, ruleSetFileSchema, WEEKDAYS, type RuleSetFile } from "./ruleset-schema.js";

/** A loaded, validated rule set: the rules to run and the settings around them. */
export interface RuleSet {
  /** The files it was built from, the base first. */
  files: string[];
  rules: Rule[];
  /** Rules switched off with `id: off`. */
  off: string[];
  timezone?: string;
  input: NonNullable<RuleSetFile["input"]>;
  calendar?: BusinessCalendar;
  gates: { fail_under?: number; fail_on?: Severity };
  /** Phrase lexicons: the bundled rules/lexicons/ plus the files the rule sets name under `lexicons:`. */
  lexicons: LexiconSet;
}

const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DEFAULT_RULES = resolve(PACKAGE_ROOT, "rules/default.yaml");

interface ParsedFile {
  path: string;
  /** Shown in messages: relative to the working directory when inside it. */
  display: string;
  doc: Document;
  lines: LineCounter;
  data: RuleSetFile;
}

const display = (path: string) => {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") ? path : rel;
};

/**
 * Line and column (1-based) of the deepest node on `path` that exists in the document: the
 * key itself, or with `value` its value (where a wrong value is what needs fixing).
 */
function locate(file: ParsedFile, path: PropertyKey[], value = false): { line: number; col: number; exact: boolean } {
  let node: unknown = file.doc.contents;
  let range: [number, number, number] | undefined = (node as Node | null)?.range ?? undefined;
  let depth = 0;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) break;
      const last = depth === path.length - 1;
      range = (last && value && (pair.value as Node | null)?.range) || (pair.key as Node).range || range;
      node = pair.value;
    } else if (node && typeof node === "object" && "items" in node && Array.isArray((node as { items: unknown[] }).items) && typeof key === "number") {
      const item = (node as { items: unknown[] }).items[key] as Node | undefined;
      if (!item) break;
      range = item.range ?? range;
      node = item;
    } else break;
    depth++;
  }
  const pos = file.lines.linePos(range?.[0] ?? 0);
  return { line: pos.line, col: pos.col, exact: depth === path.length };
}

/** The value at a path of plain data (zod's issues do not carry it). */
const valueAt = (data: unknown, path: PropertyKey[]): unknown =>
  path.reduce<unknown>((at, key) => (at !== null && typeof at === "object" ? (at as Record<PropertyKey, unknown>)[key] : undefined), data);

/** A key that is absent reads "missing"; a value of the wrong type says what was expected. */
const isMissing = (issue: z.core.$ZodIssue, data: unknown) => issue.code === "invalid_type" && valueAt(data, issue.path) === undefined;

function problemsFromZod(file: ParsedFile, error: z.ZodError, data: unknown, rule?: string): RuleSetProblem[] {
  const problems: RuleSetProblem[] = [];
  for (const issue of error.issues) {
    const keys = issue.code === "unrecognized_keys" ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    for (const path of keys) {
      const where = locate(file, path, issue.code !== "unrecognized_keys");
      const name = path.length ? path.map(String).join(".") : undefined;
      let message = issue.message;
      if (issue.code === "unrecognized_keys") message = `unknown key '${String(path[path.length - 1])}'`;
      else if (isMissing(issue, data)) message = `missing required key '${String(path[path.length - 1])}'`;
      else if (name) message = `${name}: ${message}`;
      problems.push({ file: file.display, line: where.line, col: where.col, code: issue.code === "unrecognized_keys" ? "unknown-key" : "invalid-value", message, rule });
    }
  }
  return problems;
}

function parseFile(path: string, problems: RuleSetProblem[]): ParsedFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UserError(`cannot read rule set ${display(path)}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const file = { path, display: display(path), doc, lines } as ParsedFile;
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const pos = err.linePos?.[0] ?? { line: 1, col: 1 };
      problems.push({ file: file.display, line: pos.line, col: pos.col, code: "yaml-syntax", message: err.message.split("\n")[0]! });
    }
    return undefined;
  }
  const parsed = ruleSetFileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    problems.push(...problemsFromZod(file, parsed.error, doc.toJS() ?? {}));
    return undefined;
  }
  file.data = parsed.data;
  return file;
}

function resolveExtends(name: string, from: string): string {
  if (name === "default") return DEFAULT_RULES;
  return resolve(dirname(from), name);
}

/** The file chain, base first: each file after the files it extends. */
function loadChain(path: string, problems: RuleSetProblem[], seen: string[] = []): ParsedFile[] {
  const abs = resolve(path);
  if (seen.includes(abs)) {
    throw new UserError(`rule set ${display(abs)} extends itself (${[...seen, abs].map(display).join(" -> ")})`);
  }
  const file = parseFile(abs, problems);
  if (!file) return [];
  const bases = file.data.extends === undefined ? [] : Array.isArray(file.data.extends) ? file.data.extends : [file.data.extends];
  return [...bases.flatMap((b) => loadChain(resolveExtends(b, abs), problems, [...seen, abs])), file];
}

const toMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const WEEKDAY_NUMBER = Object.fromEntries(WEEKDAYS.map((d, i) => [d, i + 1]));

function calendarFrom(hours: z.output<typeof businessHoursSchema>): BusinessCalendar {
  const week = new Map<number, Array<[number, number]>>();
  for (const [day, value] of Object.entries(hours.week)) {
    if (value === undefined || value === "closed") continue;
    const ranges = (Array.isArray(value) ? value : [value]).map((r) => [toMinutes(r.slice(0, 5)), toMinutes(r.slice(6, 11))] as [number, number]);
    week.set(WEEKDAY_NUMBER[day]!, ranges);
  }
  return { timezone: hours.timezone, week, holidays: new Set(hours.holidays) };
}

interface RuleDraft {
  raw: Record<string, unknown>;
  /** Files that defined or changed it, the base first. */
  files: ParsedFile[];
}

function validateRule(id: string, draft: RuleDraft, problems: RuleSetProblem[]): Rule | undefined {
  const top = draft.files[draft.files.length - 1]!;
  // Blame the last file that wrote the key in question, else the last file that touched the rule.
  const fileFor = (path: PropertyKey[]) => [...draft.files].reverse().find((f) => locate(f, ["rules", id, ...path]).exact) ?? top;
  const report = (path: PropertyKey[], code: string, message: string) => {
    const file = fileFor(path);
    const where = locate(file, ["rules", id, ...path], code !== "unknown-key" && path.length > 0);
    problems.push({ file: file.display, line: where.line, col: where.col, code, message, rule: id });
  };
  const typeName = draft.raw.type;
  if (typeof typeName !== "string") {
    report([], "missing-type", draft.files.length === 1 && !draft.raw.type ? "has no 'type' (and extends no rule of this id)" : "'type' must be a rule type name");
    return undefined;
  }
  const type = ruleTypes.get(typeName);
  if (!type) {
    report(["type"], "unknown-type", `unknown rule type '${typeName}' (known: ${[...ruleTypes.keys()].join(", ")})`);
    return undefined;
  }
  const parsed = ruleSchemaFor(typeName).safeParse(draft.raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const paths = issue.code === "unrecognized_keys" ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
      for (const path of paths) {
        const last = String(path[path.length - 1] ?? "");
        const message = issue.code === "unrecognized_keys"
          ? `unknown key '${last}' for type ${typeName} (its keys: ${[...Object.keys(commonRuleFields), "overrides", ...Object.keys(type.params.shape)].join(", ")})`
          : isMissing(issue, draft.raw) ? `missing required key '${last}'` : `${path.map(String).join(".")}: ${issue.message}`;
        report(path, issue.code === "unrecognized_keys" ? "unknown-key" : "invalid-value", message);
      }
    }
    return undefined;
  }
  const rule = parsed.data as Record<string, unknown> & z.output<ReturnType<typeof ruleSchemaFor>>;
  const rawParams = Object.fromEntries(Object.entries(draft.raw).filter(([k]) => !isCommonKey(k)));
  const params = type.params.parse(rawParams) as Record<string, unknown>;
  let ok = true;
  for (const problem of type.check?.(params) ?? []) {
    report([], "invalid-params", problem);
    ok = false;
  }
  const rawOverrides = (draft.raw.overrides as Array<Record<string, unknown>> | undefined) ?? [];
  const overrides = rawOverrides.map((o, i) => {
    const { where: _where, ...changes } = o;
    const merged = type.params.safeParse({ ...rawParams, ...changes });
    const problemsOfOverride = merged.success ? type.check?.(merged.data as Record<string, unknown>) ?? [] : merged.error.issues.map((x) => x.message);
    for (const problem of problemsOfOverride) {
      report(["overrides", i], "invalid-params", `override ${i + 1}: ${problem}`);
      ok = false;
    }
    return { where: rule.overrides[i]!.where, params: changes };
  });
  const vars = new Set<string>([...COMMON_VARS, ...type.vars]);
  for (const name of (rule.message ?? "").matchAll(/\{(\w+)\}/g)) {
    if (!vars.has(name[1]!)) {
      report(["message"], "unknown-placeholder", `message uses {${name[1]}}, which type ${typeName} does not fill (it fills: ${[...vars].map((v) => `{${v}}`).join(" ")})`);
      ok = false;
    }
  }
  if (!ok) return undefined;
  return {
    id, type: typeName, description: rule.description, severity: rule.severity, weight: rule.weight,
    where: rule.where, message: rule.message, rationale: rule.rationale, params, overrides, rawParams, file: top.display,
  };
}

/** Loads a rule set file (and what it extends), validating all of it; throws RuleSetError with every problem. */
export function loadRuleSet(path: string = DEFAULT_RULES): RuleSet {
  const problems: RuleSetProblem[] = [];
  const chain = loadChain(path, problems);
  if (problems.length > 0) throw new RuleSetError(problems);

  const drafts = new Map<string, RuleDraft>();
  const off = new Set<string>();
  const settings: Omit<RuleSet, "rules" | "off" | "files" | "lexicons"> = { input: {}, gates: {} };
  for (const file of chain) {
    const data = file.data;
    if (data.timezone) settings.timezone = data.timezone;
    if (data.input) settings.input = { ...settings.input, ...data.input, map: { ...settings.input.map, ...data.input.map } };
    if (data.business_hours) settings.calendar = calendarFrom(data.business_hours);
    if (data.gates) settings.gates = { ...settings.gates, ...data.gates };
    for (const [id, entry] of Object.entries(data.rules ?? {})) {
      if (entry === "off") {
        off.add(id);
        continue;
      }
      off.delete(id);
      const existing = drafts.get(id);
      // A new type means a new rule; otherwise the keys given replace the inherited ones.
      if (existing && (entry.type === undefined || entry.type === existing.raw.type)) {
        existing.raw = { ...existing.raw, ...entry };
        existing.files.push(file);
      } else {
        drafts.set(id, { raw: { ...entry }, files: [file] });
      }
    }
  }
  const rules: Rule[] = [];
  for (const [id, draft] of drafts) {
    if (off.has(id)) continue;
    const rule = validateRule(id, draft, problems);
    if (rule) rules.push(rule);
  }
  // A rule switched off that exists nowhere is most likely a typo of an id.
  const lastFile = chain[chain.length - 1]!;
  for (const id of off) {
    if (!drafts.has(id)) {
      const where = locate(lastFile, ["rules", id]);
      problems.push({ file: lastFile.display, line: where.line, col: where.col, code: "unknown-rule", rule: id, message: `switched off, but no rule set in the chain defines it (known: ${[...drafts.keys()].join(", ")})` });
    }
  }
  if (problems.length > 0) throw new RuleSetError(problems);
  // Lexicon paths are relative to the file that names them; the bundled ones always come first.
  const lexiconPaths = chain.flatMap((f) => (f.data.lexicons === undefined ? [] : [f.data.lexicons].flat()).map((p) => resolve(dirname(f.path), p)));
  const lexicons = lexiconPaths.length === 0 ? defaultLexicons() : loadLexicons([DEFAULT_LEXICONS, ...lexiconPaths]);
  for (const rule of rules) {
    for (const { key, group } of unknownGroups(rule.params, lexicons)) {
      const draft = drafts.get(rule.id)!;
      const file = [...draft.files].reverse().find((f) => locate(f, ["rules", rule.id, key]).exact) ?? draft.files[draft.files.length - 1]!;
      const where = locate(file, ["rules", rule.id, key]);
      problems.push({ file: file.display, line: where.line, col: where.col, code: "unknown-phrase-group", rule: rule.id, message: `${key}: no lexicon defines the phrase group '${group}' (known: ${[...new Set([...lexicons.languages.values()].flatMap((l) => [...l.groups.keys()]))].join(", ")})` });
    }
  }
  if (problems.length > 0) throw new RuleSetError(problems);
  return { ...settings, files: chain.map((f) => f.display), rules, off: [...off], lexicons };
}
