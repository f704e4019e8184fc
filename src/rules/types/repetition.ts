import { z } from "zod";
import { oneOrMany } from "../fields.js";
import { isCustomerMessage, isPublicAgentMessage, type Conversation, type ConversationEvent } from "../../model.js";
import { isAcknowledgement } from "../../text/acknowledgement.js";
import { lexiconsFor } from "../../text/language.js";
import { defaultLexicons, findPhrase, mask, type LexiconSet } from "../../text/lexicon.js";
import { containment, featuresOf, sharedWords, similarity, unionOf, type TextFeatures } from "../../text/similarity.js";
import { quote } from "../../text/quote.js";
import { ownText } from "../../text/reply.js";
import { signOff } from "../../text/signature.js";
import { fold } from "../../text/normalize.js";
import { prepare, type PreparedText } from "../../text/pattern.js";
import { formatInstant } from "../../time/instant.js";
import type { Detection, RuleContext, RuleType } from "../rule.js";
import { preparedText, snippet } from "./phrases.js";
import { bySigner, byTakeover } from "./signers.js";
import { handoffsOf, type Handoff } from "./transfers.js";

const params = z.strictObject({
  min_similarity: z.number().min(0).max(1).default(0.42).describe("How alike a message after a handoff must be to an earlier one (0..1, mean of word and letter-trigram overlap)."),
  asked_similarity: z.number().min(0).max(1).default(0.3).describe("The lower similarity that is enough when the agent just asked the customer to describe the problem (the `asked` groups) and the two messages share asked_shared_words content words: the customer is starting over."),
  asked_shared_words: z.number().int().min(1).default(4).describe("Content words a looser retelling must share with the first explanation to count (see asked_similarity)."),
  asked_min_overlap: z.number().min(0).max(1).default(0.1).describe("When the agent just asked what the problem is and the customer answers with a full explanation (three times min_words content words) after giving one before the handoff, the similarity that is enough: the story told again in other words."),
  asked: oneOrMany(z.string()).default(["intake-question"])
    .describe("Lexicon groups of an agent asking what the problem is (\"what can I help you with?\", \"请问有什么可以帮您\"); [] turns this off."),
  min_told: z.number().min(0).max(1).default(0.6).describe("How much of a message after a handoff must already be in the customer's earlier messages taken together (0..1), with min_words content words in common: the story told over several messages, told again in one."),
  min_words: z.number().int().min(1).default(5).describe("Content words both messages need to count as an explanation (greetings, thanks, an order number alone have fewer)."),
  window: z.number().int().min(1).default(3).describe("Customer messages after each handoff that are compared (those long enough to explain something)."),
  lookback: z.number().int().min(1).default(20).describe("Earlier customer messages each is compared with: the first few and the latest ones (bounded, so long threads stay fast)."),
  count_handoffs: z.boolean().default(true).describe("A different agent starting to reply counts as a handoff, as for the transfers type."),
  claims: oneOrMany(z.string()).default(["repetition-claim"])
    .describe("Lexicon groups of the customer saying they explained already (\"I already told your colleague\"); [] turns this off."),
  ignore: oneOrMany(z.string()).default(["repetition-benign"])
    .describe("Lexicon groups blanked out before claims are searched: the customer asking to hear something again (\"can you explain that again?\"), \"sorry to repeat myself\"; [] turns this off."),
  takeover: oneOrMany(z.string()).default(["takeover"])
    .describe("Lexicon groups of an agent saying they are taking over (\"picking this up from my colleague\", \"由我接手\"): with count_handoffs, a handoff even on an account that does not sign its replies; [] turns this off."),
  follow_ups: oneOrMany(z.string()).default(["follow-up"])
    .describe("Lexicon groups of a customer marking new facts (\"Update:\", \"Bổ sung thông tin:\", \"补充：\"): such a message brings news, it is not compared as a repeat (a claim in it still counts); [] turns this off."),
  updates: oneOrMany(z.string()).default(["status-question"])
    .describe("Lexicon groups of an agent asking how things went (\"did that help?\", \"is it back?\"): the customer's answer is a status update, not a new explanation; [] turns this off."),
  negation_window: z.number().int().min(0).max(10).default(3).describe("Words before a claim in which a negation silences it."),
  max_per_conversation: z.number().int().min(1).default(2).describe("Most findings one conversation gets from this rule."),
});
type Params = z.output<typeof params>;

/** Suffix of a claims group's companion read only right after a handoff. */
const AFTER_HANDOFF = "-after-handoff";

/**
 * The word a lexicon writes for the name of an agent who answered before the handoff, so that
 * "I already gave KT my order number" reads like "I already gave your colleague my order number".
 */
export const EARLIER_AGENT = "earlier_agent_name";

/**
 * The names customers call an agent by: the signer of a shared account ("Acme^KT" -> "kt"), else
 * the agent, and a full name's first word ("Anna Berg" -> "anna berg", "anna").
 */
function callNames(agent: string, stopwords: ReadonlySet<string>): string[] {
  const name = fold(agent.includes("^") ? agent.slice(agent.lastIndexOf("^") + 1) : agent).trim();
  // Teams, one-letter initials and names that are ordinary words ("al", "an") would match anywhere.
  if (name.startsWith("team ") || !/^[\p{L}\p{N} .'·・-]+$/u.test(name)) return [];
  // A role before the name is not what customers call the agent: "小編安安" is "安安", "Mod Bin" is "Bin".
  const bare = name.replace(ROLE_PREFIX, "").trim();
  const words = name.split(/\s+/);
  return [...new Set([name, words[0]!, bare, words[words.length - 1]!])].filter((n) => [...n].length >= 2 && !stopwords.has(n));
}
const ROLE_PREFIX = /^(?:小编|小編|客服|专员|專員|店长|店長|售后|售後|mod|gm|ad|admin)[\s·・.]*/u;

/** A message with the earlier agents' names written as EARLIER_AGENT; `names` lists what each stands for, in order. */
function withEarlierAgents(text: PreparedText, names: readonly string[]): { text: PreparedText; replaced: string[] } {
  if (names.length === 0) return { text, replaced: [] };
  const escaped = [...names].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  // Edges only against letters of spaced scripts: a name stands right next to Chinese characters ("给过KT了").
  const re = new RegExp(`(?<![a-z0-9_@\\u00c0-\\u024f\\u0400-\\u04ff])(?:${escaped.join("|")})(?![a-z0-9_\\u00c0-\\u024f\\u0400-\\u04ff])`, "gu");
  const replaced: string[] = [];
  const folded = text.folded.replace(re, (m) => {
    replaced.push(m);
    return EARLIER_AGENT;
  });
  return replaced.length === 0 ? { text, replaced } : { text: prepare(folded), replaced };
}

/** A matched phrase with the agents' names put back, for evidence. */
function restoreNames(match: string, before: string, replaced: readonly string[]): string {
  let k = before.split(EARLIER_AGENT).length - 1;
  return match.replace(new RegExp(EARLIER_AGENT, "g"), () => replaced[k++] ?? EARLIER_AGENT);
}

/**
 * Lines a customer ends several messages with (name, title, company, phone, a confidentiality
 * notice): a signature block, which would make any two of their e-mails look alike. Found as the
 * lines two messages end with alike (each message compared with the few multi-line ones before
 * it, so long threads stay fast); a message that is all alike keeps its lines (a pasted repeat).
 */
function footerLines(texts: readonly string[]): Set<string> {
  const footer = new Set<string>();
  const multiLine: string[][] = [];
  for (const text of texts) {
    const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    if (lines.length < 2) continue;
    for (const other of multiLine.slice(-FOOTER_LOOKBACK)) {
      let k = 0;
      while (k < lines.length - 1 && k < other.length - 1 && lines[lines.length - 1 - k] === other[other.length - 1 - k]) k++;
      const pasted = lines.slice(0, lines.length - k).join("\n") === other.slice(0, other.length - k).join("\n");
      if (!pasted) for (let m = 0; m < k; m++) footer.add(lines[lines.length - 1 - m]!);
    }
    multiLine.push(lines);
  }
  return footer;
}
const FOOTER_LOOKBACK = 5;

/**
 * The ending a customer closes several messages with on the same line ("——王太太 0912-345-xxx",
 * "- Anna, flat 4B"): the common end of two messages, at least SIGNATURE_CHARS long, starting at a
 * space or dash, that at least three messages end with (two alike endings may be a restatement).
 */
function repeatedEndings(texts: readonly string[]): Set<string> {
  const endings = new Set<string>();
  const seen: string[] = [];
  for (const raw of texts) {
    const text = raw.trim();
    for (const other of seen.slice(-FOOTER_LOOKBACK)) {
      let k = 0;
      while (k < text.length && k < other.length && text[text.length - 1 - k] === other[other.length - 1 - k]) k++;
      if (k >= Math.min(text.length, other.length)) continue;
      // From the first separator inside the shared end, so a shared last word is not cut in half.
      const shared = text.slice(text.length - k);
      const at = shared.search(/[\s\-–—]/u);
      const ending = at < 0 ? "" : shared.slice(at).trim();
      if ([...ending].length >= SIGNATURE_CHARS) endings.add(ending);
    }
    seen.push(text);
  }
  const trimmed = texts.map((t) => t.trim());
  return new Set([...endings].filter((ending) => trimmed.filter((t) => t.endsWith(ending) && t.length > ending.length).length >= 3));
}
const SIGNATURE_CHARS = 6;

/** How far into a message (in characters, after a greeting) a "follow-up" marker may stand. */
const NEWS_MARK_WITHIN = 40;

/** How many of the first customer messages are always compared: the first explanation is usually there. */
const FIRST_MESSAGES = 3;

/** The agent who answered first after a moment: the person the customer explained to again. */
function firstAgentAfter(c: Conversation, at: number): string | undefined {
  return c.events.find((e) => e.at >= at && (isPublicAgentMessage(e) || e.type === "answer") && e.agent)?.agent;
}

/** A customer's message without the name they sign it with ("… Cảm ơn shop. – Ngọc Ánh"). */
function withoutSignOff(text: string): string {
  const name = signOff(text);
  if (name === undefined) return text;
  const at = text.lastIndexOf(name);
  return at > 0 ? text.slice(0, at) : text;
}

const describeHandoff = (h: Handoff, after: string | undefined) =>
  `${h.kind === "transfer" ? "transfer" : "handoff"} ${h.from ?? "(unassigned)"} → ${after ?? h.to}`;

export const repetition: RuleType<typeof params> = {
  name: "repetition",
  summary: "Finds customers explaining their problem again after a handoff, or saying they already did.",
  params,
  vars: ["before", "after", "handoff", "similarity", "first", "repeat"],
  defaultMessage: "Customer had to explain again {handoff}",
  detect(conversation, p: Params, ctx: RuleContext): Detection[] {
    const set: LexiconSet = ctx.lexicons ?? defaultLexicons();
    const lexicons = lexiconsFor(conversation, set);
    const c = p.count_handoffs ? byTakeover(bySigner(conversation), lexicons, p.takeover) : conversation;
    const customers = c.events.filter((e) => isCustomerMessage(e) && e.text && e.public);
    if (customers.length < 2) return [];
    const cache = new Map<ConversationEvent, TextFeatures>();
    const signed = customers.map((e) => ownText(e.text ?? "", { keepSignature: true }));
    const footer = footerLines(signed);
    const endings = repeatedEndings(signed);
    const withoutFooter = (text: string) => {
      let own = footer.size === 0 ? text : text.split(/\r?\n/).filter((l) => !footer.has(l.trim())).join("\n");
      for (const ending of endings) if (own.trimEnd().endsWith(ending)) own = own.trimEnd().slice(0, -ending.length);
      return own;
    };
    const features = (e: ConversationEvent) => {
      let f = cache.get(e);
      if (!f) cache.set(e, (f = featuresOf(withoutSignOff(withoutFooter(e.text ?? "")), set.stopwords)));
      return f;
    };
    const explains = (e: ConversationEvent) => !isAcknowledgement(e.text) && features(e).size >= p.min_words;
    // The agent message just before a customer message says what the message answers: a
    // question about the outcome makes it a status update ("still down, light still orange"),
    // which restates by nature; "what can I help you with?" makes it the story told anew.
    const position = new Map(c.events.map((e, i) => [e, i]));
    const answers = (e: ConversationEvent, groups: readonly string[]) => {
      if (groups.length === 0) return false;
      for (let i = position.get(e)! - 1; i >= 0; i--) {
        const x = c.events[i]!;
        if (x.type !== "message" || (x.role !== "agent" && x.role !== "customer")) continue;
        return x.role === "agent" && x.public && findPhrase(preparedText(x), lexicons, groups, { negationWindow: 0 }) !== undefined;
      }
      return false;
    };
    // "Update: …" at the start of a message: new facts, however much of the story it recalls.
    const marksNews = (e: ConversationEvent) => {
      if (p.follow_ups.length === 0) return false;
      const hit = findPhrase(preparedText(e), lexicons, p.follow_ups, { negationWindow: 0 });
      return hit !== undefined && hit.match.index <= NEWS_MARK_WITHIN;
    };
    const found: Detection[] = [];
    const reported = new Set<ConversationEvent>();
    const handoffs = handoffsOf(c, p.count_handoffs);

    for (let k = 0; k < handoffs.length && found.length < p.max_per_conversation; k++) {
      const h = handoffs[k]!;
      const until = handoffs[k + 1]?.at ?? Infinity;
      // Short answers ("Business, annual.") do not use up the window: the restatement may follow them.
      const after = customers.filter((e) => e.at > h.at && e.at < until && explains(e)).slice(0, p.window).filter((e) => !answers(e, p.updates) && !marksNews(e));
      if (after.length === 0) continue;
      const before = customers.filter((e) => e.at < h.at);
      // The first messages and the latest ones: each customer message is compared a bounded number of times.
      const earlier = [...new Set([...before.slice(0, FIRST_MESSAGES), ...before.slice(-p.lookback)])].filter(explains);
      let best: { first: ConversationEvent; repeat: ConversationEvent; score: number; how: string } | undefined;
      // The story as told over the first few messages or the few just before the handoff
      // ("站點：文心崇德站", "等了半小時"...): few, since a long thread's words together hold any message.
      const story = unionOf([...new Set([...before.slice(0, FIRST_MESSAGES), ...before.slice(-FIRST_MESSAGES)])].filter((e) => !isAcknowledgement(e.text)).map(features));
      for (const repeat of after) {
        const asked = answers(repeat, p.asked);
        for (const first of earlier) {
          const score = similarity(features(first), features(repeat));
          // Asked to start over, a looser retelling counts, if it carries enough of the same content words.
          const alike = score >= p.min_similarity ||
            (asked && score >= p.asked_similarity && sharedWords(features(first), features(repeat)) >= p.asked_shared_words) ||
            (asked && score >= p.asked_min_overlap && features(first).size >= 3 * p.min_words && features(repeat).size >= 3 * p.min_words);
          if (alike && (!best || score > best.score)) best = { first, repeat, score, how: `similarity ${score.toFixed(2)}` };
        }
      }
      // Only a message long enough to tell a story: a short answer is found in any long story.
      for (const repeat of best ? [] : after.filter((e) => features(e).size >= 2 * p.min_words)) {
        const told = containment(features(repeat), story);
        if (told < p.min_told || sharedWords(features(repeat), story) < p.min_words) continue;
        // The earlier message it shares most with stands for the first explanation in the evidence.
        const first = earlier.reduce<ConversationEvent | undefined>((a, x) => (!a || similarity(features(x), features(repeat)) > similarity(features(a), features(repeat)) ? x : a), undefined) ?? before[0]!;
        if (!best || told > best.score) best = { first, repeat, score: told, how: `${Math.round(told * 100)}% told before` };
      }
      if (!best) continue;
      const afterAgent = firstAgentAfter(c, h.at) ?? h.to;
      reported.add(best.repeat);
      found.push({
        at: best.repeat.at,
        agent: afterAgent,
        evidence: `first explained ${formatInstant(best.first.at, ctx.timezone)}: ${quote(best.first.text)}; after the ${describeHandoff(h, afterAgent)} at ${formatInstant(h.at, ctx.timezone)}, again ${formatInstant(best.repeat.at, ctx.timezone)}: ${quote(best.repeat.text)} (${best.how})`,
        vars: { before: h.from ?? "(unassigned)", after: afterAgent, handoff: `after the handoff from ${h.from ?? "(unassigned)"} to ${afterAgent}`, similarity: best.score.toFixed(2), first: quote(best.first.text), repeat: quote(best.repeat.text) },
      });
    }

    if (p.claims.length > 0 && found.length < p.max_per_conversation) {
      // Looser wordings ("as mentioned before", "刚才跟他讲过") are claims only right after a
      // handoff, where the customer is talking to someone new: each claims group G may have a
      // companion group "G-after-handoff" read only in the first `window` messages after one.
      const looseGroups = p.claims.map((g) => `${g}${AFTER_HANDOFF}`);
      const justHandedOff = new Set(handoffs.flatMap((h, k) => customers.filter((e) => e.at > h.at && e.at < (handoffs[k + 1]?.at ?? Infinity)).slice(0, p.window)));
      // Agents who answered before the handoff a message follows, by the names customers use.
      const earlierAgentNames = (e: ConversationEvent): string[] => {
        const h = [...handoffs].reverse().find((x) => x.at < e.at);
        if (!h) return [];
        const now = firstAgentAfter(c, h.at) ?? h.to;
        const agents = new Set(c.events.filter((x) => x.at <= h.at && isPublicAgentMessage(x) && x.agent && x.agent !== now).map((x) => x.agent!));
        const current = new Set(now === undefined ? [] : callNames(now, set.stopwords));
        return [...new Set([...agents].flatMap((a) => callNames(a, set.stopwords)))].filter((n) => !current.has(n));
      };
      for (const e of customers) {
        if (found.length >= p.max_per_conversation) break;
        if (reported.has(e)) continue;
        const options = { negationWindow: p.negation_window };
        const text = mask(preparedText(e), lexicons, p.ignore);
        let hit = findPhrase(text, lexicons, p.claims, options);
        if (!hit && justHandedOff.has(e)) hit = findPhrase(text, lexicons, looseGroups, options);
        if (!hit && justHandedOff.has(e)) {
          // Then with earlier agents' names as the lexicons' placeholder (tried second: some
          // phrases count the characters between "跟" and "讲过", and a name is shorter).
          const named = withEarlierAgents(text, earlierAgentNames(e));
          if (named.replaced.length > 0) hit = findPhrase(named.text, lexicons, looseGroups, options);
          if (hit && named.replaced.length > 0) {
            const text = restoreNames(hit.match.text, named.text.folded.slice(0, hit.match.index), named.replaced);
            hit = { ...hit, match: { ...hit.match, text } };
          }
        }
        if (!hit) continue;
        const h = [...handoffs].reverse().find((x) => x.at < e.at);
        const firstExplanation = customers.find((x) => x !== e && x.at <= e.at && explains(x));
        const previousAgent = [...c.events].reverse().find((x) => x.at <= e.at && isPublicAgentMessage(x))?.agent;
        const afterAgent = h ? firstAgentAfter(c, h.at) ?? h.to : previousAgent;
        const beforeAgent = h ? h.from ?? "(unassigned)" : previousAgent;
        found.push({
          at: e.at,
          agent: afterAgent,
          evidence: `${firstExplanation ? `first explained ${formatInstant(firstExplanation.at, ctx.timezone)}: ${quote(firstExplanation.text)}; ` : ""}${h ? `after the ${describeHandoff(h, afterAgent)}, ` : ""}customer ${formatInstant(e.at, ctx.timezone)}: ${snippet(e.text ?? "", hit.match.text)} (says so: "${hit.match.text.trim()}")`,
          vars: {
            before: beforeAgent ?? "-", after: afterAgent ?? "-",
            handoff: h ? `after the handoff from ${beforeAgent} to ${afterAgent}` : afterAgent ? `to ${afterAgent} (says so)` : "(says so)",
            similarity: "", first: firstExplanation ? quote(firstExplanation.text) : "", repeat: snippet(e.text ?? "", hit.match.text),
          },
        });
        reported.add(e);
      }
    }
    return found;
  },
  docs: `Reports a customer who has to explain again after the conversation changed hands.

After each handoff (a transfer, or with \`count_handoffs\` a different agent starting to
reply, including a new sign-off such as "^KC" or "-Gina" on a brand account that several
agents share), the first \`window\` customer messages are compared with the customer's earlier
messages (the first three and the latest \`lookback\`). Similarity is the mean overlap of
content words and of their letter trigrams (character pairs for Chinese, Japanese and Thai,
cut into words with Intl.Segmenter), after case, width and accents are folded and URLs,
@handles, numbers, quoted e-mail history and signatures are left out. A pair scoring at least
\`min_similarity\`, both with \`min_words\` content words, is a repeat; greetings, thanks and an
order number alone never are. A story first told over several short messages counts too: a
message after the handoff of which \`min_told\` (0.6) is already in the customer's earlier
messages taken together, with \`min_words\` content words in common. When the new agent has just asked what the problem is ("what can
I help you with?", "请问有什么可以帮您": the \`asked\` groups), the customer is starting over and
a looser retelling counts: \`asked_similarity\`, with at least \`asked_shared_words\` content words in common;
and a full explanation (twice \`min_words\` content words) given in answer, after one was given
before the handoff, is the story told again in other words as soon as they overlap at all
(\`asked_min_overlap\`). A customer saying so (the \`claims\` lexicon groups: "I already
told your colleague", "我已經說過了", "вече обясних") is reported too, handoff or not; looser
wordings in a group named after a claims group plus "-after-handoff" ("as mentioned before",
"刚才跟他讲过") count only in the first \`window\` customer messages after a handoff. The
bundled lexicons build most of these from parts: a telling or giving verb of the customer in a
past sense ("told", "sent", "expliqué", "пратих", "讲过") in one sentence with a back-reference
("already", "up there", "twice", "your colleague", "my first tweet"). There the name of an agent
who answered before the handoff ("I gave KT my order number", a sign-off or the agent's name)
counts as a back-reference: lexicons write it as \`${EARLIER_AGENT}\`. Before claims are
searched, the \`ignore\` groups are blanked out: the customer asking to hear something again
("can you explain that again?", "能再给我解释一遍吗") or excusing a repeat is not a claim.
The finding quotes the first explanation and the repeat and names the agents before and after
the handoff. A customer answering an agent's question about the outcome ("did that help?", "is
it back?": the \`updates\` groups) is giving a status update, which is not counted as a
repeat (a claim in it still is). Placeholders: \`{before}\`, \`{after}\`, \`{handoff}\` ("after the handoff from A
to B"), \`{similarity}\`, \`{first}\`, \`{repeat}\`.`,
};
