import { z } from "zod";
import { isCustomerMessage, isPublicAgentMessage, type Conversation, type ConversationEvent } from "../../model.js";
import { elapsedSeconds } from "../../time/business-hours.js";
import { formatDuration } from "../../time/duration.js";
import { formatInstant } from "../../time/instant.js";
import { isAcknowledgement } from "../../text/acknowledgement.js";
import { quote } from "../../text/quote.js";
import { duration } from "../fields.js";
import type { Detection, RuleContext, RuleType } from "../rule.js";

const METRICS = ["first_response", "reply_gap", "queue_wait", "hold", "resolution"] as const;

const params = z.strictObject({
  metric: z.enum(METRICS).describe("What is timed."),
  limit: duration.optional().describe("Longest acceptable time (for hold: one hold)."),
  total_limit: duration.optional().describe("hold only: longest acceptable time on hold in all."),
  max_count: z.number().int().min(0).optional().describe("hold only: most holds acceptable in one conversation."),
  hours: z.enum(["calendar", "business"]).default("calendar").describe("Count all time, or only the rule set's business hours."),
});
type Params = z.output<typeof params>;

const at = (ms: number, ctx: RuleContext) => formatInstant(ms, ctx.timezone);

/** When a conversation stops owing anything: when it closed, else the audit's "now". */
const endOf = (c: Conversation, ctx: RuleContext) => c.closed_at ?? ctx.asOf;

function firstResponse(c: Conversation, p: Params, ctx: RuleContext): Detection[] {
  const events = c.events;
  const first = events.find(isCustomerMessage);
  if (!first || p.limit === undefined) return [];
  const reply = events.find((e) => e.at >= first.at && e.index !== first.index && isPublicAgentMessage(e));
  const until = reply?.at ?? endOf(c, ctx);
  const waited = elapsedSeconds(first.at, until, calendarFor(p, ctx));
  if (waited <= p.limit) return [];
  const answer = reply
    ? `first agent reply ${at(reply.at, ctx)} by ${reply.agent ?? "an agent"}`
    : `no agent reply by ${at(until, ctx)}`;
  return [{
    at: first.at,
    agent: reply?.agent,
    team: reply?.team,
    evidence: `customer wrote ${at(first.at, ctx)} ${quote(first.text)}; ${answer} (${formatDuration(waited)}${hoursNote(p)})`,
    vars: { actual: formatDuration(waited), limit: formatDuration(p.limit), answered: reply ? "yes" : "no" },
  }];
}

function replyGaps(c: Conversation, p: Params, ctx: RuleContext): Detection[] {
  if (p.limit === undefined) return [];
  const found: Detection[] = [];
  let answeredOnce = false;
  let waiting: ConversationEvent[] = [];
  const report = (until: number, reply?: ConversationEvent) => {
    const since = waiting[0]!;
    const waited = elapsedSeconds(since.at, until, calendarFor(p, ctx));
    if (waited <= p.limit!) return;
    const owed = waiting.find((e) => !isAcknowledgement(e.text)) ?? since;
    const answer = reply
      ? `next agent reply ${at(reply.at, ctx)} by ${reply.agent ?? "an agent"}`
      : `never answered (checked until ${at(until, ctx)})`;
    found.push({
      at: since.at,
      agent: reply?.agent,
      team: reply?.team,
      evidence: `customer wrote ${at(since.at, ctx)} ${quote(owed.text)}; ${answer} (${formatDuration(waited)}${hoursNote(p)})`,
      vars: { actual: formatDuration(waited), limit: formatDuration(p.limit!), answered: reply ? "yes" : "no" },
    });
  };
  for (const event of c.events) {
    if (isPublicAgentMessage(event)) {
      if (answeredOnce && waiting.length > 0) report(event.at, event);
      answeredOnce = true;
      waiting = [];
    } else if (isCustomerMessage(event) && answeredOnce) {
      waiting.push(event);
    }
  }
  // A real question left hanging counts; a closing "thanks" does not.
  if (waiting.some((e) => !isAcknowledgement(e.text))) report(endOf(c, ctx));
  return found;
}

function queueWaits(c: Conversation, p: Params): Detection[] {
  if (p.limit === undefined) return [];
  return c.events
    .filter((e) => e.type === "queue" && (e.duration_s ?? 0) > p.limit!)
    .map((e) => ({
      at: e.at,
      team: e.queue ?? c.queue,
      evidence: `waited ${formatDuration(e.duration_s!)} in queue ${e.queue ?? c.queue ?? "(unnamed)"}${e.abandoned ? ", then hung up (abandoned)" : ""}`,
      vars: { actual: formatDuration(e.duration_s!), limit: formatDuration(p.limit!), queue: e.queue ?? c.queue ?? "", abandoned: e.abandoned ? "yes" : "no" },
    }));
}

function holds(c: Conversation, p: Params): Detection[] {
  const all = c.events.filter((e) => e.type === "hold");
  const found: Detection[] = [];
  if (p.limit !== undefined) {
    for (const e of all) {
      if ((e.duration_s ?? 0) <= p.limit) continue;
      found.push({
        at: e.at,
        agent: e.agent,
        team: e.team,
        evidence: `on hold ${formatDuration(e.duration_s!)}${e.agent ? ` by ${e.agent}` : ""}`,
        vars: { actual: formatDuration(e.duration_s!), limit: formatDuration(p.limit), count: 1 },
      });
    }
  }
  const total = all.reduce((sum, e) => sum + (e.duration_s ?? 0), 0);
  const list = all.map((e) => formatDuration(e.duration_s ?? 0)).join(" + ");
  if (p.max_count !== undefined && all.length > p.max_count) {
    found.push({
      at: all[p.max_count]!.at,
      agent: all[p.max_count]!.agent,
      evidence: `${all.length} holds: ${list}`,
      vars: { actual: `${all.length} holds`, limit: `${p.max_count} holds`, count: all.length },
    });
  }
  if (p.total_limit !== undefined && total > p.total_limit) {
    found.push({
      at: all[0]!.at,
      agent: all[0]!.agent,
      evidence: `on hold ${formatDuration(total)} in all: ${list}`,
      vars: { actual: formatDuration(total), limit: formatDuration(p.total_limit), count: all.length },
    });
  }
  return found;
}

function resolution(c: Conversation, p: Params, ctx: RuleContext): Detection[] {
  if (p.limit === undefined) return [];
  const solved = c.events.find((e) => e.type === "status" && (e.status === "solved" || e.status === "closed"));
  const resolvedAt = solved?.at ?? c.closed_at;
  const until = resolvedAt ?? ctx.asOf;
  const took = elapsedSeconds(c.created_at, until, calendarFor(p, ctx));
  if (took <= p.limit) return [];
  return [{
    at: c.created_at,
    evidence: resolvedAt
      ? `opened ${at(c.created_at, ctx)}, resolved ${at(resolvedAt, ctx)} (${formatDuration(took)}${hoursNote(p)})`
      : `opened ${at(c.created_at, ctx)}, still not resolved at ${at(until, ctx)} (${formatDuration(took)}${hoursNote(p)})`,
    vars: { actual: formatDuration(took), limit: formatDuration(p.limit), answered: resolvedAt ? "yes" : "no" },
  }];
}

const calendarFor = (p: Params, ctx: RuleContext) => (p.hours === "business" ? ctx.calendar : undefined);
const hoursNote = (p: Params) => (p.hours === "business" ? " in business hours" : "");

export const responseTime: RuleType<typeof params> = {
  name: "response-time",
  summary: "Times a wait (first reply, gaps between replies, queue, hold, resolution) against a limit.",
  params,
  vars: ["actual", "limit", "answered", "count", "abandoned"],
  defaultMessage: "Took {actual}, over the {limit} limit",
  check(p) {
    if (p.metric === "hold") {
      return p.limit === undefined && p.total_limit === undefined && p.max_count === undefined
        ? ["metric hold needs at least one of limit, total_limit, max_count"]
        : [];
    }
    const problems = p.limit === undefined ? [`metric ${p.metric} needs a limit`] : [];
    if (p.total_limit !== undefined || p.max_count !== undefined) problems.push("total_limit and max_count apply to metric hold only");
    return problems;
  },
  detect(c, p, ctx) {
    switch (p.metric) {
      case "first_response": return firstResponse(c, p, ctx);
      case "reply_gap": return replyGaps(c, p, ctx);
      case "queue_wait": return queueWaits(c, p);
      case "hold": return holds(c, p);
      case "resolution": return resolution(c, p, ctx);
    }
  },
  docs: `Times one kind of wait and reports each one over its limit.

- \`first_response\`: the customer's first message to the first public agent message. Bots and
  internal notes are not replies. With no reply, the wait runs to \`closed_at\` (or the audit's
  \`--as-of\` time when still open).
- \`reply_gap\`: after the first reply, each time the customer writes, until the next public
  agent message. Consecutive customer messages are one wait from the first of them. A real
  question never answered counts (to \`closed_at\` or \`--as-of\`); a closing "thanks" does not.
- \`queue_wait\`: each \`queue\` event longer than \`limit\` (abandoned ones included).
- \`hold\`: each hold over \`limit\`, more than \`max_count\` holds, or more than \`total_limit\` in all.
- \`resolution\`: creation to the first solved/closed status (or \`closed_at\`).

\`hours: business\` counts only the rule set's \`business_hours\` (first_response, reply_gap,
resolution). Placeholders: \`{actual}\`, \`{limit}\`, \`{answered}\`, \`{count}\`, \`{abandoned}\`.`,
};
