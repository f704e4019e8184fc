import { DateTime } from "luxon";

// Exports that carry a ticket's metrics but not its messages (the Zendesk and Freshdesk CSV
// reports, an Intercom conversation list without parts). What they do say is used; what they
// cannot say is stated in the report, never guessed.

/** The file note naming the rules that need messages this export lacks. */
export const METRICS_ONLY_NOTE = (why: string, used = "the first reply time and the transfers (stations − 1, their times not exported)") =>
  `metrics only: ${why}. Used instead: ${used}. ` +
  "Rules that read the messages could not run: slow-reply, ignored-feedback (a rating is kept on the conversation, not audited) and the text rules (repeated-explanation, policy-refusal and the like).";

export interface TicketMetrics {
  /** As written in the export (with or without an offset). */
  created: string;
  /** Calendar minutes from creation to the first public agent reply. */
  firstReplyMinutes?: number;
  /** Or the time of the first reply itself, as written. */
  firstReplyAt?: string;
  transfers: number;
  /** When the last assignment happened: the only time the export gives for its transfers. */
  transfersAt: string;
  assignee?: string;
  group?: string;
  solvedAt?: string;
  status?: string;
  /** The ticket's opening text, when the export has it. */
  description?: string;
  /** False when an agent opened the ticket (then no customer message is implied). */
  descriptionByCustomer?: boolean;
}

/** `minutes` after a time written with or without an offset, written the same way. */
function plusMinutes(time: string, minutes: number): string | undefined {
  const hasOffset = /(Z|[+-]\d{2}(:?\d{2})?)$/i.test(time.trim());
  let t = DateTime.fromISO(time.trim(), { setZone: true, zone: "UTC" });
  if (!t.isValid) t = DateTime.fromSQL(time.trim(), { setZone: true, zone: "UTC" });
  if (!t.isValid) return undefined;
  const later = t.plus({ milliseconds: Math.round(minutes * 60_000) });
  return hasOffset ? later.toISO({ suppressMilliseconds: true })! : later.toFormat("yyyy-MM-dd'T'HH:mm:ss");
}

/**
 * Events a metrics row honestly supports: the customer's opening message (the ticket's
 * creation), the first public agent reply at creation + first reply time, one transfer per
 * station beyond the first, and the solve. Text is absent where the export has none.
 */
export function metricsOnlyEvents(m: TicketMetrics): Array<Record<string, unknown>> {
  const events: Array<Record<string, unknown>> = [];
  const byCustomer = m.descriptionByCustomer ?? true;
  events.push(byCustomer
    ? { at: m.created, type: "message", role: "customer", text: m.description }
    : { at: m.created, type: "message", role: "agent", text: m.description });
  const replyAt = m.firstReplyAt ?? (m.firstReplyMinutes !== undefined ? plusMinutes(m.created, m.firstReplyMinutes) : undefined);
  if (replyAt !== undefined && byCustomer) events.push({ at: replyAt, type: "message", role: "agent" });
  for (let i = 0; i < m.transfers; i++) {
    const last = i === m.transfers - 1;
    events.push({ at: m.transfersAt, type: "transfer", to_agent: last ? m.assignee : undefined, to_team: last ? m.group : undefined });
  }
  if (m.solvedAt !== undefined) events.push({ at: m.solvedAt, type: "status", status: m.status === "closed" ? "closed" : "solved", agent: m.assignee, team: m.group });
  return events;
}
