import { z } from "zod";
import { isPublicAgentMessage, type Conversation } from "../../model.js";
import { formatInstant } from "../../time/instant.js";
import type { Detection, RuleContext, RuleType } from "../rule.js";

const params = z.strictObject({
  max: z.number().int().min(0).describe("Most handoffs acceptable in one conversation."),
  count_handoffs: z.boolean().default(true).describe("Count a different agent starting to reply, without a transfer event, as a handoff."),
});

export interface Handoff {
  at: number;
  from?: string;
  to: string;
  kind: "transfer" | "handoff";
  /** The owner it went to had held the conversation before. */
  bounce: boolean;
}

const teamKey = (team: string) => `team ${team}`;

/**
 * The chain of owners: explicit transfer events, and (optionally) a different agent starting
 * to reply. A transfer to j.lee followed by j.lee's reply is one handoff, not two.
 */
export function handoffsOf(c: Conversation, countHandoffs = true): Handoff[] {
  const chain: Handoff[] = [];
  // Agents and teams (as "team X") that have held the conversation.
  const held = new Set<string>();
  let owner: string | undefined;
  let team: string | undefined;
  const hold = (agent?: string, inTeam?: string) => {
    if (agent) held.add(agent);
    if (inTeam) held.add(teamKey(inTeam));
  };
  for (const e of c.events) {
    if (e.type === "transfer") {
      const from = e.agent ?? owner;
      const fromTeam = e.team ?? team;
      hold(from, fromTeam);
      // Back to an agent, or a team, that had it before and had passed it on: a bounce. A move
      // between two people of the same team is not a bounce of the team.
      const bounce =
        (e.to_agent !== undefined && e.to_agent !== from && held.has(e.to_agent)) ||
        (e.to_team !== undefined && e.to_team !== fromTeam && held.has(teamKey(e.to_team)));
      const to = e.to_agent
        ? e.to_team ? `${e.to_agent} (${e.to_team})` : e.to_agent
        : e.to_team ? teamKey(e.to_team) : "another agent";
      chain.push({ at: e.at, from, to, kind: "transfer", bounce });
      hold(e.to_agent, e.to_team);
      owner = e.to_agent;
      team = e.to_team ?? fromTeam;
      continue;
    }
    const agent = (e.type === "answer" || isPublicAgentMessage(e)) ? e.agent : undefined;
    if (!agent) continue;
    if (owner !== undefined && agent !== owner && countHandoffs) {
      chain.push({ at: e.at, from: owner, to: agent, kind: "handoff", bounce: held.has(agent) });
    }
    // The first pickup (or the first agent of a team a transfer went to) is no handoff.
    owner = agent;
    team = e.team ?? team;
    hold(agent, team);
  }
  return chain;
}

export const transfers: RuleType<typeof params> = {
  name: "transfers",
  summary: "Counts transfers and handoffs between agents and teams against a maximum.",
  params,
  vars: ["count", "max", "chain", "bounces"],
  defaultMessage: "Passed on {count} times (max {max}): {chain}",
  detect(c, p, ctx: RuleContext): Detection[] {
    const chain = handoffsOf(c, p.count_handoffs);
    if (chain.length <= p.max) return [];
    const first = chain[0]!;
    const start = first.from ?? "(unassigned)";
    const path = [start, ...chain.map((h) => `${h.to}${h.bounce ? " (back again)" : ""}`)].join(" → ");
    const bounces = chain.filter((h) => h.bounce).map((h) => h.to);
    const last = chain[chain.length - 1]!;
    return [{
      at: chain[p.max]!.at,
      agent: last.from,
      evidence: `${path}; ${chain.map((h) => `${h.kind} ${formatInstant(h.at, ctx.timezone)}`).join(", ")}${bounces.length ? `; bounced back to ${bounces.join(", ")}` : ""}`,
      vars: { count: chain.length, max: p.max, chain: path, bounces: bounces.join(", ") },
    }];
  },
  docs: `Counts how often a conversation changed hands and reports it when that is more than \`max\`.

A handoff is a \`transfer\` event, or, with \`count_handoffs: true\` (the default), a different
agent starting to reply with no transfer before it. A transfer to an agent followed by that
agent's reply counts once. A transfer to a team is owned by the first of its agents who
replies. When the conversation goes back to an agent or team that had it before, the
evidence names the bounce. Placeholders: \`{count}\`, \`{max}\`, \`{chain}\`, \`{bounces}\`.`,
};
