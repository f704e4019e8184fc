import type { Conversation } from "../model.js";
import { teamsOf } from "../model.js";
import { formatInstant } from "../time/instant.js";
import type { Severity, Where } from "./fields.js";
import { ruleTypes } from "./registry.js";
import type { Rule, RuleContext } from "./rule.js";

export interface Finding {
  rule: string;
  type: string;
  severity: Severity;
  weight: number;
  message: string;
  /** ISO time of what the finding is about. */
  at?: string;
  agent?: string;
  team?: string;
  evidence: string;
}

const includesAny = (wanted: string[] | undefined, actual: Array<string | undefined>) =>
  wanted === undefined || actual.some((a) => a !== undefined && wanted.some((w) => w.toLowerCase() === a.toLowerCase()));

export function matchesWhere(c: Conversation, where: Where | undefined): boolean {
  if (!where) return true;
  return (
    includesAny(where.channel, [c.channel]) &&
    includesAny(where.source, [c.source]) &&
    includesAny(where.priority, [c.priority]) &&
    includesAny(where.queue, [c.queue, ...c.events.map((e) => e.queue)]) &&
    includesAny(where.team, teamsOf(c)) &&
    includesAny(where.tags, c.tags) &&
    includesAny(where.language, [c.language, c.language?.split("-")[0]])
  );
}

/** `{name}` placeholders filled from vars; the rule set loader rejects unknown names. */
export function renderMessage(template: string, vars: Record<string, string | number | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined || value === "" ? "-" : String(value);
  });
}

/** The rule's parameters for one conversation: its overrides whose `where` matches, in order. */
function paramsFor(rule: Rule, c: Conversation, cache: Map<string, Record<string, unknown>>): Record<string, unknown> {
  if (rule.overrides.length === 0) return rule.params;
  const matched = rule.overrides.map((o) => matchesWhere(c, o.where));
  if (!matched.includes(true)) return rule.params;
  const key = matched.map((m) => (m ? "1" : "0")).join("");
  let params = cache.get(key);
  if (!params) {
    const raw = rule.overrides.reduce((acc, o, i) => (matched[i] ? { ...acc, ...o.params } : acc), rule.rawParams);
    params = ruleTypes.get(rule.type)!.params.parse(raw) as Record<string, unknown>;
    cache.set(key, params);
  }
  return params;
}

/** Runs rules over conversations; keeps the per-rule caches of override combinations. */
export class RuleEngine {
  private readonly caches = new Map<string, Map<string, Record<string, unknown>>>();

  constructor(readonly rules: Rule[], private readonly ctx: RuleContext) {
    for (const rule of rules) this.caches.set(rule.id, new Map());
  }

  evaluate(c: Conversation): Finding[] {
    const findings: Array<Finding & { atMs: number }> = [];
    for (const rule of this.rules) {
      if (!matchesWhere(c, rule.where)) continue;
      const type = ruleTypes.get(rule.type)!;
      const params = paramsFor(rule, c, this.caches.get(rule.id)!);
      for (const d of type.detect(c, params, this.ctx)) {
        const vars = { id: c.id, channel: c.channel, queue: c.queue, priority: c.priority, agent: d.agent, team: d.team, rule: rule.id, ...d.vars };
        findings.push({
          rule: rule.id,
          type: rule.type,
          severity: rule.severity,
          message: renderMessage(rule.message ?? type.defaultMessage, vars),
          at: d.at === undefined ? undefined : formatInstant(d.at, this.ctx.timezone),
          agent: d.agent,
          team: d.team,
          evidence: d.evidence,
          weight: rule.weight,
          atMs: d.at ?? c.created_at,
        });
      }
    }
    // In time order, so a finding list reads like the conversation did.
    return findings.sort((a, b) => a.atMs - b.atMs).map(({ atMs: _, ...finding }) => finding);
  }
}
