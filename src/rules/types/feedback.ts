import { z } from "zod";
import { isCustomerMessage, isPublicAgentMessage, type Conversation, type ConversationEvent } from "../../model.js";
import { formatDuration } from "../../time/duration.js";
import { formatInstant } from "../../time/instant.js";
import { quote } from "../../text/quote.js";
import { lexiconsFor } from "../../text/language.js";
import { defaultLexicons, findPhrase, type LexiconSet } from "../../text/lexicon.js";
import { preparedText } from "./phrases.js";
import { duration, oneOrMany } from "../fields.js";
import type { Detection, RuleContext, RuleType } from "../rule.js";

const params = z.strictObject({
  within: duration.describe("How soon an agent must follow up on a negative signal."),
  negative_at_most: z
    .record(z.string().regex(/^\d+$/), z.number())
    .default({ "2": 0, "5": 2, "10": 6 })
    .describe('Highest score that counts as negative, per scale: {"2": 0, "5": 2, "10": 6} (bad/good, 1..5, NPS 0..10).'),
  complaints: oneOrMany(z.string()).default(["complaint"])
    .describe("Lexicon phrase groups of a customer complaining about the service in writing (counts like a bad rating); [] turns this off."),
});
type Params = z.output<typeof params>;

/** A customer signal that asks for a follow-up. */
export interface NegativeSignal {
  event: ConversationEvent;
  what: string;
}

/** A score is negative at or below the threshold of its scale; other scales: the bottom 40%. */
export function isNegativeScore(score: number, scale: number | undefined, thresholds: Record<string, number>): boolean {
  const s = scale ?? 5;
  const limit = thresholds[String(s)];
  return limit !== undefined ? score <= limit : score / s <= 0.4;
}

/**
 * Ratings at or below the negative threshold, and written complaints about the service (the
 * `complaints` lexicon groups in customer messages); the follow-up logic below is the same
 * for both.
 */
export function negativeSignals(c: Conversation, p: Params, lexicons: LexiconSet = defaultLexicons()): NegativeSignal[] {
  const ratings = c.events
    .filter((e) => e.type === "feedback" && e.score !== undefined && isNegativeScore(e.score, e.scale, p.negative_at_most))
    .map((e) => ({ event: e, what: `rated ${e.score}/${e.scale === 10 ? "10 (NPS)" : e.scale === 2 ? "good(1)/bad(0)" : e.scale ?? 5}${e.comment ? ` ${quote(e.comment)}` : ""}` }));
  if (p.complaints.length === 0) return ratings;
  const chosen = lexiconsFor(c, lexicons);
  const complaints = c.events
    .filter((e) => isCustomerMessage(e) && e.public && e.text && findPhrase(preparedText(e), chosen, p.complaints, { negationWindow: 3 }))
    .map((e) => ({ event: e, what: `complained ${quote(e.text)}` }));
  return [...ratings, ...complaints].sort((a, b) => a.event.at - b.event.at);
}

/** The agent who last spoke to the customer before a moment: who the follow-up was owed by. */
function lastAgentBefore(c: Conversation, at: number): ConversationEvent | undefined {
  let last: ConversationEvent | undefined;
  for (const e of c.events) {
    if (e.at > at) break;
    if (isPublicAgentMessage(e)) last = e;
  }
  return last;
}

export const feedback: RuleType<typeof params> = {
  name: "feedback",
  summary: "Finds negative ratings (and complaints) that no agent followed up within a window.",
  params,
  vars: ["within", "signal", "actual"],
  defaultMessage: "Negative feedback not followed up within {within}",
  detect(c, p, ctx: RuleContext): Detection[] {
    const found: Detection[] = [];
    for (const signal of negativeSignals(c, p, ctx.lexicons)) {
      const deadline = signal.event.at + p.within * 1000;
      const followUp = c.events.find((e) => e.at > signal.event.at && isPublicAgentMessage(e));
      if (followUp && followUp.at <= deadline) continue;
      if (!followUp && deadline > ctx.asOf) continue; // still inside the window
      const owner = lastAgentBefore(c, signal.event.at);
      const late = followUp ? `first follow-up ${formatInstant(followUp.at, ctx.timezone)}, ${formatDuration((followUp.at - signal.event.at) / 1000)} later` : "no follow-up";
      found.push({
        at: signal.event.at,
        agent: owner?.agent,
        team: owner?.team,
        evidence: `customer ${signal.what} at ${formatInstant(signal.event.at, ctx.timezone)}; ${late}`,
        vars: { within: formatDuration(p.within), signal: signal.what, actual: followUp ? formatDuration((followUp.at - signal.event.at) / 1000) : "never" },
      });
    }
    return found;
  },
  docs: `Reports a negative rating that no agent followed up on within \`within\`.

A rating is negative at or below \`negative_at_most\` for its scale: 0 on a bad/good scale (2),
2 or less of 5, 6 or less on NPS (10); on other scales the bottom 40%. A follow-up is a public
agent message after the rating. A rating still inside its window at the audit's \`--as-of\`
time is not reported yet. A written complaint about the service in a customer message (the
\`complaints\` lexicon groups: "worst support ever", "nobody answers", "太差了") counts like a bad
rating. The finding is charged to the last agent who spoke before the
rating. Placeholders: \`{within}\`, \`{signal}\`, \`{actual}\`.`,
};
