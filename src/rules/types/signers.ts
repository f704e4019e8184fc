import { isPublicAgentMessage, type Conversation, type ConversationEvent } from "../../model.js";
import { findPhrase, type Lexicon } from "../../text/lexicon.js";
import { signOff } from "../../text/signature.js";
import { preparedText } from "./phrases.js";

// Who answered: brand accounts on social media are shared by several agents, who tell
// themselves apart only by a sign-off ("^KC") or by saying they are taking over. These rewrite a
// conversation's agent names so that a handoff between them shows as a change of agent.

/**
 * The conversation with each reply of a shared brand account credited to the agent who signed
 * it ("AcmeAir^KC"), so that a new sign-off counts as a new agent. Only accounts replying under
 * two or more sign-offs in the conversation are shared; an unsigned reply belongs to the
 * account's last signer (or, before anyone signed, its first one), unless it names the next
 * signer ("Hi, it's Mo, picking this up from my colleague", signed "-Mo" only later).
 */
export function bySigner(c: Conversation): Conversation {
  const replies = c.events.filter((e) => isPublicAgentMessage(e) && e.agent);
  const signOffs = new Map(replies.map((e) => [e, signOff(e.text)]));
  const signersOf = new Map<string, Set<string>>();
  for (const e of replies) {
    const signer = signOffs.get(e);
    if (signer !== undefined) signersOf.set(e.agent!, (signersOf.get(e.agent!) ?? new Set()).add(signer));
  }
  const shared = new Set([...signersOf].filter(([, signers]) => signers.size > 1).map(([agent]) => agent));
  if (shared.size === 0) return c;
  const names = new Map<ConversationEvent, string>();
  const last = new Map<string, string>();
  const pending = new Map<string, ConversationEvent[]>();
  // The next sign-off of the same account after each reply (one pass backwards).
  const nextSigner = new Map<ConversationEvent, string | undefined>();
  const upcoming = new Map<string, string>();
  for (let i = replies.length - 1; i >= 0; i--) {
    const e = replies[i]!;
    nextSigner.set(e, upcoming.get(e.agent!));
    const signer = signOffs.get(e);
    if (signer !== undefined) upcoming.set(e.agent!, signer);
  }
  for (const e of replies) {
    if (!shared.has(e.agent!)) continue;
    const next = signOffs.get(e) === undefined ? nextSigner.get(e) : undefined;
    const introduces = next !== undefined && next !== last.get(e.agent!) && mentions(e.text ?? "", next);
    const signer = signOffs.get(e) ?? (introduces ? next : last.get(e.agent!));
    if (signer === undefined) {
      pending.set(e.agent!, [...(pending.get(e.agent!) ?? []), e]);
      continue;
    }
    const name = `${e.agent}^${signer}`;
    for (const earlier of pending.get(e.agent!) ?? []) names.set(earlier, name);
    pending.delete(e.agent!);
    names.set(e, name);
    last.set(e.agent!, signer);
  }
  return { ...c, events: c.events.map((e) => (names.has(e) ? { ...e, agent: names.get(e) } : e)) };
}

/**
 * The conversation with the replies of an account credited to a new agent from the reply that
 * says it is taking over ("Hi, picking this up from my colleague", "您好，由我接手为您服务") on:
 * on an account that does not sign its replies, that message is the only sign of a handoff.
 * The new agent is named after the account ("Acme #2").
 */
export function byTakeover(c: Conversation, lexicons: Lexicon[], groups: readonly string[]): Conversation {
  if (groups.length === 0) return c;
  const shift = new Map<string, number>();
  let changed = false;
  const events = c.events.map((e) => {
    if (!isPublicAgentMessage(e) || !e.agent) return e;
    const account = e.agent;
    let n = shift.get(account) ?? 0;
    // A first reply saying so takes over from nobody this conversation knows of.
    if (n > 0 && findPhrase(preparedText(e), lexicons, groups, { negationWindow: 0 })) n++;
    shift.set(account, Math.max(n, 1));
    if (n <= 1) return e;
    changed = true;
    return { ...e, agent: `${account} #${n}` };
  });
  return changed ? { ...c, events } : c;
}

/** Whether a text names a signer ("it's Mo from the social team" names "Mo"). */
function mentions(text: string, signer: string): boolean {
  if ([...signer].length < 2) return false;
  const escaped = signer.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "iu").test(text);
}
