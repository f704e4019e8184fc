import { describe, expect, it } from "vitest";
import { handoffsOf, transfers } from "../../src/rules/types/transfers.js";
import { agent, context, conversation, customer } from "../helpers/conversation.js";

const transfer = (at: string, from: string | undefined, to: { to_agent?: string; to_team?: string }) => ({ at, type: "transfer", agent: from, ...to });

describe("transfers", () => {
  it("counts a transfer followed by the new agent's reply once", () => {
    const c = conversation({ events: [
      customer("2026-11-02T09:00:00Z", "hi"), agent("2026-11-02T09:01:00Z", "a.kim", "hello"),
      transfer("2026-11-02T09:02:00Z", "a.kim", { to_agent: "j.lee", to_team: "payments" }),
      agent("2026-11-02T09:05:00Z", "j.lee", "payments here"),
    ] });
    expect(handoffsOf(c).map((h) => [h.kind, h.to])).toEqual([["transfer", "j.lee (payments)"]]);
  });

  it("counts a different agent starting to reply as a handoff, unless switched off", () => {
    const c = conversation({ events: [agent("2026-11-02T09:01:00Z", "a.kim", "hello"), agent("2026-11-02T10:00:00Z", "b.ode", "taking over")] });
    expect(handoffsOf(c)).toHaveLength(1);
    expect(handoffsOf(c, false)).toHaveLength(0);
  });

  it("lets the first agent of a team a call was sent to pick it up without a second count", () => {
    const c = conversation({ events: [
      { at: "2026-11-02T09:00:00Z", type: "answer", agent: "k.weber", team: "general" },
      transfer("2026-11-02T09:03:00Z", "k.weber", { to_team: "contracts" }),
      { at: "2026-11-02T09:05:00Z", type: "answer", agent: "h.schulz", team: "contracts" },
    ] });
    expect(handoffsOf(c).map((h) => h.to)).toEqual(["team contracts"]);
  });

  it("does not count internal notes by another agent as a handoff", () => {
    const c = conversation({ events: [agent("2026-11-02T09:01:00Z", "a.kim", "hello"), { at: "2026-11-02T09:02:00Z", type: "note", agent: "sup.ervisor", text: "fyi" }, agent("2026-11-02T09:03:00Z", "a.kim", "done")] });
    expect(handoffsOf(c)).toEqual([]);
  });

  it("fires over the maximum and names the bounce back to an earlier agent", () => {
    const c = conversation({ events: [
      agent("2026-11-02T09:00:00Z", "r.novak", "hi", { team: "tier1" }),
      transfer("2026-11-02T09:10:00Z", "r.novak", { to_agent: "d.ivanova", to_team: "tier2" }),
      transfer("2026-11-02T09:20:00Z", "d.ivanova", { to_agent: "m.garcia", to_team: "identity" }),
      transfer("2026-11-02T09:30:00Z", "m.garcia", { to_agent: "r.novak", to_team: "tier1" }),
    ] });
    const params = transfers.params.parse({ max: 2 });
    const [hit] = transfers.detect(c, params, context());
    expect(hit!.vars.count).toBe(3);
    expect(hit!.vars.chain).toBe("r.novak → d.ivanova (tier2) → m.garcia (identity) → r.novak (tier1) (back again)");
    expect(hit!.evidence).toContain("bounced back to r.novak (tier1)");
    expect(transfers.detect(c, transfers.params.parse({ max: 3 }), context())).toEqual([]);
  });
});

describe("bounces", () => {
  it("are not named for a move between two people of the same team", () => {
    const c = conversation({ events: [
      agent("2026-11-02T09:00:00Z", "a.ortiz", "hi", { team: "tech" }),
      transfer("2026-11-02T09:10:00Z", "a.ortiz", { to_agent: "b.ortiz", to_team: "tech" }),
      transfer("2026-11-02T09:20:00Z", "b.ortiz", { to_agent: "c.wu", to_team: "tech" }),
    ] });
    expect(handoffsOf(c).map((h) => h.bounce)).toEqual([false, false]);
  });

  it("are named when a team that passed the conversation on gets it back", () => {
    const c = conversation({ events: [
      agent("2026-11-02T09:00:00Z", "a.ortiz", "hi", { team: "tech" }),
      transfer("2026-11-02T09:10:00Z", "a.ortiz", { to_team: "billing" }),
      agent("2026-11-02T09:15:00Z", "j.lee", "billing here", { team: "billing" }),
      transfer("2026-11-02T09:20:00Z", "j.lee", { to_agent: "c.wu", to_team: "tech" }),
    ] });
    expect(handoffsOf(c).map((h) => [h.to, h.bounce])).toEqual([["team billing", false], ["c.wu (tech)", true]]);
  });
});
