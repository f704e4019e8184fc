import { describe, expect, it } from "vitest";
import { feedback, isNegativeScore } from "../../src/rules/types/feedback.js";
import { agent, context, conversation, customer } from "../helpers/conversation.js";

const params = feedback.params.parse({ within: "72h" });
const rating = (at: string, score: number, scale: number, comment?: string) => ({ at, type: "feedback", score, scale, comment });
const base = [customer("2026-11-02T09:00:00Z", "Broken"), agent("2026-11-02T10:00:00Z", "s.berg", "Policy says no")];

describe("feedback", () => {
  it.each([[2, 5, true], [3, 5, false], [6, 10, true], [7, 10, false], [0, 2, true], [1, 2, false], [2, 7, true], [3, 7, false]])(
    "score %i of scale %i negative: %s", (score, scale, negative) => {
      expect(isNegativeScore(score, scale, params.negative_at_most)).toBe(negative);
    });

  it("fires on a bad rating with no follow-up, charged to the last agent who spoke", () => {
    const [hit] = feedback.detect(conversation({ events: [...base, rating("2026-11-03T09:00:00Z", 1, 5, "Nobody listened.")] }), params, context());
    expect(hit!.agent).toBe("s.berg");
    expect(hit!.evidence).toContain('rated 1/5 "Nobody listened."');
    expect(hit!.vars.actual).toBe("never");
  });

  it("stays quiet when an agent follows up within the window, and fires when the follow-up is late", () => {
    const onTime = [...base, rating("2026-11-03T09:00:00Z", 1, 5), agent("2026-11-04T09:00:00Z", "t.lead", "I'm sorry, let me fix this")];
    expect(feedback.detect(conversation({ events: onTime }), params, context())).toEqual([]);
    const late = [...base, rating("2026-11-03T09:00:00Z", 1, 5), agent("2026-11-07T09:00:00Z", "t.lead", "Sorry")];
    expect(feedback.detect(conversation({ events: late }), params, context())[0]!.vars.actual).toBe("4d");
  });

  it("does not count an internal note as a follow-up", () => {
    const events = [...base, rating("2026-11-03T09:00:00Z", 0, 2), { at: "2026-11-03T10:00:00Z", type: "note", agent: "t.lead", text: "call her" }];
    expect(feedback.detect(conversation({ events }), params, context())).toHaveLength(1);
  });

  it("waits while the window is still open at --as-of", () => {
    const events = [...base, rating("2026-11-03T09:00:00Z", 0, 2)];
    expect(feedback.detect(conversation({ events }), params, context({ asOf: Date.parse("2026-11-04T09:00:00Z") }))).toEqual([]);
  });

  it("ignores good ratings", () => {
    expect(feedback.detect(conversation({ events: [...base, rating("2026-11-03T09:00:00Z", 9, 10)] }), params, context())).toEqual([]);
  });
});
