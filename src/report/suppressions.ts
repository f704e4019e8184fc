import { readFileSync } from "node:fs";
import { DateTime } from "luxon";
import { isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { z } from "zod";
import type { AuditResult, ConversationResult } from "../audit.js";
import { UserError } from "../errors.js";
import type { Finding } from "../rules/engine.js";
import { scoreOf } from "../score/score.js";
import type { ReportFinding } from "./report.js";

// Known cases a team has accepted ("this customer asked us to wait"): each entry names a rule
// and a conversation id or an agent, says why, and expires so it is looked at again. A
// suppressed finding leaves the scores but stays listed in the report.

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const entrySchema = z
  .strictObject({
    rule: z.string().min(1),
    conversation: z.union([z.string(), z.number()]).transform(String).optional(),
    agent: z.string().min(1).optional(),
    reason: z.string().trim().min(1, "a reason is required: say why the finding is accepted"),
    expires: z
      .union([z.string(), z.date()])
      .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
      .refine((v) => DATE.test(v) && DateTime.fromISO(v).isValid, "expected a date as YYYY-MM-DD"),
  })
  .refine((e) => e.conversation !== undefined || e.agent !== undefined, "name a conversation or an agent (or both) for the rule");

const fileSchema = z.union([z.array(z.unknown()), z.strictObject({ suppressions: z.array(z.unknown()) })]);

export interface Suppression {
  rule: string;
  conversation?: string;
  agent?: string;
  reason: string;
  /** YYYY-MM-DD; the entry holds through the end of that day in the audit's time zone. */
  expires: string;
  /** Where the entry is written, "file:line". */
  source: string;
}

/** A finding a suppression took out of the scores, with the entry that did it. */
export type SuppressedFinding = ReportFinding & { conversation: string } & Pick<Suppression, "reason" | "expires" | "source">;

/** An entry to clean up: expired (with the findings it would still cover, which count again) or unused. */
export type SuppressionNotice = Suppression & { matches?: number };

export interface SuppressionReport {
  file: string;
  entries: number;
  suppressed: SuppressedFinding[];
  expired: SuppressionNotice[];
  unused: SuppressionNotice[];
}

/** Reads a suppressions file; a bad entry is a one-line UserError with file:line. */
export function loadSuppressions(path: string): Suppression[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UserError(`cannot read suppressions ${path}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const pos = err.linePos?.[0] ?? { line: 1, col: 1 };
    throw new UserError(`${path}:${pos.line}:${pos.col}: ${err.message.split("\n")[0]}`);
  }
  const top = fileSchema.safeParse(doc.toJS() ?? []);
  if (!top.success) {
    throw new UserError(`${path}:1: expected a list of suppressions (or a "suppressions:" key holding one)`, "each entry: rule, conversation or agent, reason, expires: YYYY-MM-DD");
  }
  const items = Array.isArray(top.data) ? top.data : top.data.suppressions;
  const seq = isSeq(doc.contents) ? doc.contents : doc.get("suppressions", true);
  const lineOf = (i: number) => {
    const node = isSeq(seq) ? (seq.items[i] as Node | undefined) : undefined;
    return node?.range ? lines.linePos(node.range[0]).line : 1;
  };
  return items.map((item, i) => {
    const parsed = entrySchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const key = issue.path.map(String).join(".");
      const what =
        issue.code === "unrecognized_keys" ? `unknown key '${issue.keys[0]}' (expected rule, conversation, agent, reason, expires)`
        : issue.code === "invalid_type" && (item as Record<string, unknown> | null)?.[key] === undefined ? `missing required key '${key}'`
        : `${key ? `${key}: ` : ""}${issue.message}`;
      throw new UserError(`${path}:${lineOf(i)}: suppression ${i + 1}: ${what}`);
    }
    return { ...parsed.data, source: `${path}:${lineOf(i)}` };
  });
}

const matches = (s: Suppression, conversation: string, f: Finding) =>
  s.rule === f.rule && (s.conversation === undefined || s.conversation === conversation) && (s.agent === undefined || s.agent === f.agent);

const notice = (s: Suppression, matches?: number): SuppressionNotice => ({
  rule: s.rule, conversation: s.conversation, agent: s.agent, reason: s.reason, expires: s.expires, source: s.source, ...(matches === undefined ? {} : { matches }),
});

/**
 * Takes suppressed findings out of the audit result (and so out of every score built from
 * it). Entries past their expiry date (as of the audit's `asOf`) no longer apply.
 */
export function applySuppressions(result: AuditResult, suppressions: Suppression[], file: string): { result: AuditResult; report: SuppressionReport } {
  const isActive = (s: Suppression) => DateTime.fromISO(s.expires, { zone: result.timezone }).endOf("day").toMillis() >= result.asOf;
  const active = suppressions.filter(isActive);
  const expired = suppressions.filter((s) => !isActive(s));
  const used = new Set<Suppression>();
  const expiredMatches = new Map<Suppression, number>(expired.map((s) => [s, 0]));
  const suppressed: SuppressedFinding[] = [];

  const conversations: ConversationResult[] = result.conversations.map((c) => {
    const kept: Finding[] = [];
    for (const f of c.findings) {
      const entry = active.find((s) => matches(s, c.id, f));
      if (!entry) {
        for (const s of expired) if (matches(s, c.id, f)) expiredMatches.set(s, expiredMatches.get(s)! + 1);
        kept.push(f);
        continue;
      }
      used.add(entry);
      suppressed.push({
        conversation: c.id, rule: f.rule, type: f.type, severity: f.severity, message: f.message, agent: f.agent, team: f.team, evidence: f.evidence, at: f.at, weight: f.weight,
        reason: entry.reason, expires: entry.expires, source: entry.source,
      });
    }
    return kept.length === c.findings.length ? c : { ...c, findings: kept, score: scoreOf(kept) };
  });

  return {
    result: { ...result, conversations },
    report: {
      file,
      entries: suppressions.length,
      suppressed,
      expired: expired.map((s) => notice(s, expiredMatches.get(s))),
      unused: active.filter((s) => !used.has(s)).map((s) => notice(s)),
    },
  };
}

/** One line per entry to clean up, for standard error. */
export function suppressionWarnings(report: SuppressionReport): string[] {
  const what = (n: SuppressionNotice) => `${[n.conversation && `conversation ${n.conversation}`, n.agent && `agent ${n.agent}`].filter(Boolean).join(", ")} / ${n.rule}`;
  return [
    ...report.expired.map((n) => `${n.source}: suppression (${what(n)}) expired on ${n.expires}${n.matches ? (n.matches === 1 ? "; its finding counts again" : `; its ${n.matches} findings count again`) : ""}`),
    ...report.unused.map((n) => `${n.source}: suppression (${what(n)}) matched no finding; remove it if the case is closed`),
  ];
}
