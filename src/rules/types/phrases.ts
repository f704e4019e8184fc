import { z } from "zod";
import { oneOrMany } from "../fields.js";
import type { Conversation, ConversationEvent } from "../../model.js";
import { formatInstant } from "../../time/instant.js";
import { lexiconsFor } from "../../text/language.js";
import { defaultLexicons, findPhrase, mask, type Lexicon, type LexiconSet, type PhraseHit } from "../../text/lexicon.js";
import { fold, withoutAddresses } from "../../text/normalize.js";
import { compilePattern, prepare, type CompiledPattern, type PreparedText } from "../../text/pattern.js";
import { quote } from "../../text/quote.js";
import type { Detection, RuleContext, RuleType } from "../rule.js";

const ROLE_FILTERS = ["agent", "customer", "any"] as const;
type RoleFilter = (typeof ROLE_FILTERS)[number];

const groupList = oneOrMany(z.string());

const patternList = z.array(z.string().min(1)).default([]).superRefine((list, ctx) => {
  list.forEach((source, i) => {
    try {
      compilePattern(source);
    } catch (e) {
      ctx.addIssue({ code: "custom", path: [i], message: `pattern "${source}": ${(e as Error).message}` });
    }
  });
});

const params = z.strictObject({
  role: z.enum(ROLE_FILTERS).default("agent").describe("Whose messages are searched: agent, customer or any."),
  match: groupList.default([]).describe("Lexicon phrase groups that make a hit (e.g. policy-refusal)."),
  patterns: patternList.describe("Extra phrases written in the rule itself, in the lexicon phrase syntax (any language)."),
  ignore: groupList.default([]).describe("Lexicon groups of benign uses blanked out before matching (privacy policy, policy number)."),
  unless: groupList.default([]).describe("Lexicon groups that cancel a hit when they appear in the same turn or the next one (an alternative offered)."),
  unless_patterns: patternList.describe("Extra cancelling phrases written in the rule itself."),
  unless_transfer: z.boolean().default(true).describe("A transfer in the same or the next turn also cancels a hit (the customer was passed on to someone who can help)."),
  negation_window: z.number().int().min(0).max(10).default(3).describe("Words before a phrase in which a negation (\"it's not our policy to...\") silences it; 0 turns it off."),
  requires: z.strictObject({
    role: z.enum(ROLE_FILTERS).default("customer"),
    match: groupList,
    within: z.number().int().min(1).default(3).describe("How many earlier messages of that role are searched."),
  }).optional().describe("A hit counts only after a message that matches these groups (e.g. the customer asking for a manager)."),
  max_per_conversation: z.number().int().min(1).default(1).describe("Most findings one conversation gets from this rule."),
});
type Params = z.output<typeof params>;

const roleMatches = (e: ConversationEvent, role: RoleFilter) =>
  e.type === "message" && e.public && (role === "any" ? e.role === "agent" || e.role === "customer" : e.role === role);

/** A message folded for matching, with addresses blanked (a URL with "policy" in it says nothing). */
const prepared = new WeakMap<ConversationEvent, PreparedText>();
export function preparedText(e: ConversationEvent): PreparedText {
  let p = prepared.get(e);
  if (!p) prepared.set(e, (p = prepare(fold(withoutAddresses(e.text ?? "")))));
  return p;
}

/** Compiled inline patterns of a rule, once per params object. */
const inline = new WeakMap<object, { patterns: CompiledPattern[]; unless: CompiledPattern[] }>();
function inlineOf(p: Params) {
  let found = inline.get(p);
  if (!found) inline.set(p, (found = { patterns: p.patterns.map((s) => compilePattern(s)), unless: p.unless_patterns.map((s) => compilePattern(s)) }));
  return found;
}

/** How close before a hit a message of the same turn is one message split in two. */
const SAME_MESSAGE_MS = 2 * 60_000;

/**
 * The events that may cancel a hit: the rest of the hit's turn and the next turn of the same
 * role (a turn ends where the other side writes).
 */
function unlessSpan(events: ConversationEvent[], hitIndex: number): ConversationEvent[] {
  const speaker = events[hitIndex]!.role;
  const other = (e: ConversationEvent) => e.type === "message" && (e.role === "customer" || e.role === "agent") && e.role !== speaker;
  // Back to the start of this turn, but only over what was written just before (one message
  // split in two): "Let me check with the team." minutes earlier led to the refusal, it offers nothing.
  let start = hitIndex;
  while (start > 0 && !other(events[start - 1]!) && events[hitIndex]!.at - events[start - 1]!.at <= SAME_MESSAGE_MS) start--;
  const span: ConversationEvent[] = [];
  let turn = 1;
  let inOther = false;
  for (let i = start; i < events.length; i++) {
    const e = events[i]!;
    if (other(e)) {
      inOther = true;
      continue;
    }
    if (inOther && e.type === "message") {
      inOther = false;
      if (++turn > 2) break;
    }
    span.push(e);
  }
  return span;
}

/** The message around a matched phrase, so a long message still shows the words that matched. */
export function snippet(text: string, hit: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if ([...flat].length <= 200) return quote(flat, 200);
  const at = fold(flat).indexOf(hit);
  if (at < 0) return quote(flat, 200);
  const start = Math.max(0, at - 80);
  return quote(`${start > 0 ? "…" : ""}${flat.slice(start)}`, 200);
}

export interface PhraseFinding {
  event: ConversationEvent;
  hit: PhraseHit;
}

/** The phrase hits of a rule in a conversation, after `ignore`, negation, `requires` and `unless`. */
export function phraseHits(c: Conversation, p: Params, set: LexiconSet): PhraseFinding[] {
  const lexicons: Lexicon[] = lexiconsFor(c, set);
  const own = inlineOf(p);
  const found: PhraseFinding[] = [];
  const events = c.events;
  for (let i = 0; i < events.length && found.length < p.max_per_conversation; i++) {
    const e = events[i]!;
    if (!roleMatches(e, p.role) || !e.text) continue;
    const text = mask(preparedText(e), lexicons, p.ignore);
    const hit = findPhrase(text, lexicons, p.match, { negationWindow: p.negation_window, extra: own.patterns });
    if (!hit) continue;
    if (p.requires && !precededBy(events, i, p.requires, lexicons, p.negation_window)) continue;
    if (p.unless.length || own.unless.length || p.unless_transfer) {
      const span = unlessSpan(events, i);
      const cancelled = span.some((s) =>
        (p.unless_transfer && s.type === "transfer") ||
        (s.type === "message" && s.text && s.role === e.role &&
          findPhrase(mask(preparedText(s), lexicons, p.ignore), lexicons, p.unless, { negationWindow: p.negation_window, extra: own.unless }) !== undefined));
      if (cancelled) continue;
    }
    found.push({ event: e, hit });
  }
  return found;
}

function precededBy(events: ConversationEvent[], index: number, req: NonNullable<Params["requires"]>, lexicons: Lexicon[], window: number): boolean {
  let left = req.within;
  for (let i = index - 1; i >= 0 && left > 0; i--) {
    const e = events[i]!;
    if (!roleMatches(e, req.role) || !e.text) continue;
    left--;
    if (findPhrase(preparedText(e), lexicons, req.match, { negationWindow: window })) return true;
  }
  return false;
}

export const phrases: RuleType<typeof params> = {
  name: "phrases",
  summary: "Finds phrases (from the language lexicons or the rule) in agent or customer messages: refusals, blame, escalation refused.",
  params,
  vars: ["phrase", "quote", "language", "group"],
  defaultMessage: "{agent} said {quote}",
  check(p) {
    return p.match.length === 0 && p.patterns.length === 0 ? ["give phrase groups under 'match' or phrases under 'patterns'"] : [];
  },
  detect(c, p, ctx: RuleContext): Detection[] {
    const set = ctx.lexicons ?? defaultLexicons();
    return phraseHits(c, p, set).map(({ event, hit }) => {
      const who = event.role === "agent" ? event.agent ?? "agent" : "customer";
      const said = snippet(event.text ?? "", hit.match.text);
      return {
        at: event.at,
        agent: event.role === "agent" ? event.agent : undefined,
        team: event.role === "agent" ? event.team : undefined,
        evidence: `${who} at ${formatInstant(event.at, ctx.timezone)}: ${said} (matched "${hit.match.text.trim()}" of ${hit.group}, ${hit.language})`,
        vars: { phrase: hit.match.text.trim(), quote: said, language: hit.language, group: hit.group },
      };
    });
  },
  docs: `Searches the messages of one role (\`role: agent | customer | any\`) for phrases.

\`match\` names phrase groups of the lexicons (rules/lexicons/*.yaml, one file per language;
a rule set adds its own files under \`lexicons:\`), \`patterns\` adds phrases written in the
rule. The conversation's \`language\` picks the lexicons; without one the language is detected
from the script and words of the messages; when unsure every lexicon runs.

A hit is silenced when a negation stands within \`negation_window\` words before it ("it's not
our policy to charge you"), when it lies inside a benign use listed by an \`ignore\` group
("privacy policy", "policy number"), and when the same turn or the next one of that role
matches an \`unless\` group (an alternative or an escalation offered) or, with
\`unless_transfer\`, holds a transfer. With \`requires\`, a hit counts only when one of the
previous \`within\` messages of \`requires.role\` matches \`requires.match\` (the customer asked
for a manager). Placeholders: \`{phrase}\`, \`{quote}\`, \`{language}\`, \`{group}\`.`,
};
