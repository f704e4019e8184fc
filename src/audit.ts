import { agentsOf, teamsOf, type Conversation } from "./model.js";
import type { InputLedger } from "./read/ledger.js";
import { readConversations } from "./read/read.js";
import type { SourceFile } from "./read/source.js";
import { RuleEngine, type Finding } from "./rules/engine.js";
import type { RuleSet } from "./rules/load.js";
import { scoreOf } from "./score/score.js";

// The core of a run: read -> conversations -> rules -> findings -> scores. It never prints;
// the CLI shows progress through onProgress and hands the result to a reporter.

export interface AuditOptions {
  sources: SourceFile[];
  ruleSet: RuleSet;
  ledger: InputLedger;
  /** Zone for times without an offset, and for times in the report. */
  timezone: string;
  /** "Now", for waits still running at the end of the export. */
  asOf: number;
  inputFormat?: string;
  onProgress?: (progress: { conversations: number; findings: number }) => void;
}

/** What the audit keeps of a conversation: enough to score, group and report it. */
export interface ConversationResult {
  id: string;
  score: number;
  channel?: string;
  queue?: string;
  source?: string;
  created_at: number;
  agents: string[];
  teams: string[];
  findings: Finding[];
  origin: { file: string; line: number };
}

export interface AuditResult {
  conversations: ConversationResult[];
  ruleSet: RuleSet;
  ledger: InputLedger;
  timezone: string;
  asOf: number;
}

/** The team an agent worked in, in this conversation, so findings are charged to teams too. */
function teamOfAgent(c: Conversation): Map<string, string> {
  const teams = new Map<string, string>();
  for (const e of c.events) if (e.agent && e.team && !teams.has(e.agent)) teams.set(e.agent, e.team);
  for (const e of c.events) if (e.to_agent && e.to_team && !teams.has(e.to_agent)) teams.set(e.to_agent, e.to_team);
  return teams;
}

export async function runAudit(options: AuditOptions): Promise<AuditResult> {
  const engine = new RuleEngine(options.ruleSet.rules, { calendar: options.ruleSet.calendar, asOf: options.asOf, timezone: options.timezone, lexicons: options.ruleSet.lexicons });
  const conversations: ConversationResult[] = [];
  let findingCount = 0;
  const read = readConversations(options.sources, { zone: options.timezone, ledger: options.ledger, input: options.ruleSet.input, format: options.inputFormat });
  for await (const { conversation: c, origin } of read) {
    const teams = teamOfAgent(c);
    const findings = engine.evaluate(c).map((f) => (f.team === undefined && f.agent && teams.has(f.agent) ? { ...f, team: teams.get(f.agent) } : f));
    findingCount += findings.length;
    conversations.push({
      id: c.id, score: scoreOf(findings), channel: c.channel, queue: c.queue, source: c.source, created_at: c.created_at,
      agents: agentsOf(c), teams: teamsOf(c), findings, origin,
    });
    if (conversations.length % 500 === 0) options.onProgress?.({ conversations: conversations.length, findings: findingCount });
  }
  options.onProgress?.({ conversations: conversations.length, findings: findingCount });
  return { conversations, ruleSet: options.ruleSet, ledger: options.ledger, timezone: options.timezone, asOf: options.asOf };
}
