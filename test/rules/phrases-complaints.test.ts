import { describe, expect, it } from "vitest";
import { feedback, negativeSignals } from "../../src/rules/types/feedback.js";
import { agent, context, conversation, customer } from "../helpers/conversation.js";

// Written complaints (the `complaint` phrase group) reach ignored-feedback like bad ratings.
const params = feedback.params.parse({ within: "72h" });
const detect = (events: unknown[], p = params, extra: Record<string, unknown> = {}) => feedback.detect(conversation({ events, ...extra }), p, context());

describe("complaints in ignored-feedback", () => {
  it("fire when a written complaint about the service gets no follow-up", () => {
    const [hit] = detect([
      customer("2026-11-02T09:00:00Z", "Where is my refund?"),
      agent("2026-11-02T09:05:00Z", "tina", "It's being processed."),
      customer("2026-11-02T09:30:00Z", "Worst customer service ever. Nobody answers my emails."),
    ]);
    expect(hit!.agent).toBe("tina");
    expect(hit!.vars.signal).toBe('complained "Worst customer service ever. Nobody answers my emails."');
  });

  it("work in every shipped language", () => {
    const complaints: Record<string, string> = {
      es: "Pésimo servicio, nadie responde.", vi: "Dịch vụ quá tệ, không ai trả lời.", bg: "Ужасно обслужване, никой не отговаря.",
      "zh-Hant": "客服太差了，都沒人回。", "zh-Hans": "服务太差了，没人回复。",
    };
    for (const [language, text] of Object.entries(complaints)) {
      expect(detect([customer("2026-11-02T09:00:00Z", text)], params, { language }), language).toHaveLength(1);
    }
  });

  it("stay quiet when an agent follows up, and for complaints about the product", () => {
    expect(detect([customer("2026-11-02T09:00:00Z", "Terrible customer service!"), agent("2026-11-02T10:00:00Z", "ben", "I'm sorry, I've fixed it.")])).toEqual([]);
    expect(detect([customer("2026-11-02T09:00:00Z", "The new update is terrible, the battery drains so fast.")])).toEqual([]);
    expect(detect([customer("2026-11-02T09:00:00Z", "Great service, thanks a lot!")])).toEqual([]);
  });

  it("can be switched off with complaints: []", () => {
    const c = conversation({ events: [customer("2026-11-02T09:00:00Z", "Worst support ever.")] });
    expect(negativeSignals(c, params)).toHaveLength(1);
    expect(negativeSignals(c, feedback.params.parse({ within: "72h", complaints: [] }))).toEqual([]);
  });
});
