import { describe, expect, it } from "vitest";
import { responseTime } from "../../src/rules/types/response-time.js";
import type { BusinessCalendar } from "../../src/time/business-hours.js";
import { agent, context, conversation, customer } from "../helpers/conversation.js";

const params = (p: Record<string, unknown>) => responseTime.params.parse(p);
const detect = (record: Record<string, unknown>, p: Record<string, unknown>, ctx = context()) => responseTime.detect(conversation(record), params(p), ctx);

describe("response-time: first_response", () => {
  const rule = { metric: "first_response", limit: "1h" };

  it("fires when the first public agent reply comes after the limit, quoting the customer", () => {
    const [hit, ...rest] = detect({ events: [customer("2026-11-02T09:00:00Z", "Where is my refund?"), agent("2026-11-02T11:30:00Z", "a.kim", "Checking.")] }, rule);
    expect(rest).toHaveLength(0);
    expect(hit!.vars.actual).toBe("2h30m");
    expect(hit!.agent).toBe("a.kim");
    expect(hit!.evidence).toContain('"Where is my refund?"');
    expect(hit!.evidence).toContain("2026-11-02T11:30:00Z");
  });

  it("stays quiet at exactly the limit", () => {
    expect(detect({ events: [customer("2026-11-02T09:00:00Z", "Hi?"), agent("2026-11-02T10:00:00Z", "a.kim", "Hi")] }, rule)).toEqual([]);
  });

  it("does not count a bot's auto-reply or an internal note as the reply", () => {
    const hits = detect({
      events: [
        customer("2026-11-02T09:00:00Z", "Help please"),
        { at: "2026-11-02T09:00:05Z", type: "message", role: "bot", text: "We got your message!" },
        agent("2026-11-02T09:10:00Z", "a.kim", "escalating", { public: false }),
        { at: "2026-11-02T09:20:00Z", type: "note", agent: "a.kim", text: "looking" },
        agent("2026-11-02T12:00:00Z", "a.kim", "Here is the answer"),
      ],
    }, rule);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.vars.actual).toBe("3h");
  });

  it("orders unsorted events by time before measuring", () => {
    const hits = detect({ events: [agent("2026-11-02T09:30:00Z", "a.kim", "Hello"), customer("2026-11-02T09:00:00Z", "Hi")] }, rule);
    expect(hits).toEqual([]);
  });

  it("counts a conversation never answered until it closed, or until --as-of while open", () => {
    const closed = detect({ closed_at: "2026-11-02T15:00:00Z", events: [customer("2026-11-02T09:00:00Z", "Anyone?")] }, rule);
    expect(closed[0]!.vars).toMatchObject({ actual: "6h", answered: "no" });
    const open = detect({ events: [customer("2026-11-02T09:00:00Z", "Anyone?")] }, rule, context({ asOf: Date.parse("2026-11-02T09:30:00Z") }));
    expect(open).toEqual([]);
  });

  it("has nothing to measure without a customer message (an outbound call, a metrics-only record)", () => {
    expect(detect({ events: [agent("2026-11-02T09:00:00Z", "a.kim", "Calling about your renewal")] }, rule)).toEqual([]);
    expect(detect({ events: [] }, rule)).toEqual([]);
  });

  it("counts only business hours when asked: Friday 17:55 to Monday 09:10 is 15 minutes", () => {
    const calendar: BusinessCalendar = { timezone: "Europe/Berlin", week: new Map([1, 2, 3, 4, 5].map((d) => [d, [[540, 1080]] as Array<[number, number]>])), holidays: new Set() };
    const record = { events: [customer("2026-11-13T17:55:00+01:00", "Invoice wrong"), agent("2026-11-16T09:10:00+01:00", "a.kim", "Fixed")] };
    expect(detect(record, { metric: "first_response", limit: "20m", hours: "business" }, context({ calendar }))).toEqual([]);
    expect(detect(record, { metric: "first_response", limit: "10m", hours: "business" }, context({ calendar }))[0]!.vars.actual).toBe("15m");
    expect(detect(record, { metric: "first_response", limit: "20m" }, context({ calendar }))[0]!.vars.actual).toBe("2d15h");
  });
});

describe("response-time: reply_gap", () => {
  const rule = { metric: "reply_gap", limit: "4h" };

  it("times each later customer message (from the first of a run) to the next agent reply", () => {
    const hits = detect({
      events: [
        customer("2026-11-02T09:00:00Z", "Order late"),
        agent("2026-11-02T09:10:00Z", "a.kim", "Checking"),
        customer("2026-11-02T10:00:00Z", "Any news?"),
        customer("2026-11-02T12:00:00Z", "Hello??"),
        agent("2026-11-02T15:00:00Z", "j.lee", "It ships today"),
      ],
    }, rule);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.vars.actual).toBe("5h");
    expect(hits[0]!.agent).toBe("j.lee");
    expect(hits[0]!.evidence).toContain('"Any news?"');
  });

  it("does not double-count the first response", () => {
    expect(detect({ events: [customer("2026-11-02T09:00:00Z", "Hi?"), agent("2026-11-02T20:00:00Z", "a.kim", "Hello")] }, rule)).toEqual([]);
  });

  it("counts a real question never answered, but not a closing thanks", () => {
    const base = [customer("2026-11-02T09:00:00Z", "Order late"), agent("2026-11-02T09:10:00Z", "a.kim", "It ships today")];
    const question = detect({ closed_at: "2026-11-03T09:00:00Z", events: [...base, customer("2026-11-02T09:20:00Z", "Which carrier will it use?")] }, rule);
    expect(question[0]!.vars).toMatchObject({ answered: "no" });
    expect(question[0]!.evidence).toContain("never answered");
    for (const thanks of ["Thanks!", "ok thank you so much", "谢谢", "Cảm ơn bạn nhiều!", "Благодаря!", "¡Muchas gracias!"]) {
      expect(detect({ closed_at: "2026-11-03T09:00:00Z", events: [...base, customer("2026-11-02T09:20:00Z", thanks)] }, rule)).toEqual([]);
    }
  });
});

describe("response-time: queue_wait, hold, resolution", () => {
  it("reports each queue wait over the limit, abandoned ones included", () => {
    const hits = detect({ channel: "phone", events: [
      { at: "2026-11-02T09:00:00Z", type: "queue", duration_s: 240, queue: "billing", abandoned: true },
      { at: "2026-11-02T10:00:00Z", type: "queue", duration_s: 60, queue: "billing" },
    ] }, { metric: "queue_wait", limit: "3m" });
    expect(hits).toHaveLength(1);
    expect(hits[0]!.evidence).toBe("waited 4m in queue billing, then hung up (abandoned)");
  });

  it("reports one hold too long, too many holds, and too much hold in all", () => {
    const holds = [30, 150, 40, 50].map((d, i) => ({ at: `2026-11-02T09:0${i}:00Z`, type: "hold", agent: "h.schulz", duration_s: d }));
    const hits = detect({ channel: "phone", events: holds }, { metric: "hold", limit: "2m", max_count: 3, total_limit: "4m" });
    expect(hits.map((h) => h.vars.actual)).toEqual(["2m30s", "4 holds", "4m30s"]);
    expect(hits[0]!.agent).toBe("h.schulz");
  });

  it("times resolution to the first solved status", () => {
    const hits = detect({ events: [customer("2026-11-02T09:00:00Z", "x"), { at: "2026-11-05T09:00:00Z", type: "status", status: "solved" }] }, { metric: "resolution", limit: "2d" });
    expect(hits[0]!.vars.actual).toBe("3d");
  });

  it("rejects parameter combinations that cannot work", () => {
    expect(responseTime.check!(params({ metric: "hold" }))).toEqual(["metric hold needs at least one of limit, total_limit, max_count"]);
    expect(responseTime.check!(params({ metric: "first_response" }))).toEqual(["metric first_response needs a limit"]);
    expect(responseTime.check!(params({ metric: "reply_gap", limit: "1h", max_count: 2 }))).toEqual(["total_limit and max_count apply to metric hold only"]);
  });
});
