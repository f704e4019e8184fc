import { describe, expect, it } from "vitest";
import { handoffsOf } from "../../../src/rules/types/transfers.js";
import { balanced, iso, readFixtures } from "./read-fixture.js";

describe("zendesk CSV export (metrics only)", () => {
  it("keeps custom field columns, with their [type] suffix dropped and quoted commas intact", async () => {
    const { byId } = await readFixtures(["zendesk/csv/tickets.csv"]);
    expect(byId.get("5001")!.extra.custom_fields).toEqual({ Product: "Refunds", "Order number": "5512", "Refund reason": "Charged twice, refund promised" });
    expect(byId.get("5002")!.extra.custom_fields).toEqual({ Product: "Shipping, international" });
  });

  it("turns stations minus one into transfers and the first reply minutes into the first agent reply", async () => {
    const { byId } = await readFixtures(["zendesk/csv/tickets.csv"]);
    const refund = byId.get("5001")!;
    expect(handoffsOf(refund).filter((h) => h.kind === "transfer")).toHaveLength(2); // 3 group and assignee stations
    const reply = refund.events.find((e) => e.type === "message" && e.role === "agent")!;
    expect(iso(reply.at)).toBe("2026-11-02T13:40:00.000Z"); // 09:14 + 266 minutes
    expect(refund.closed_at).toBe(Date.parse("2026-11-03T16:00:00Z"));
    expect(refund.extra.rating).toBe("bad");
    expect(refund.events.some((e) => e.type === "feedback")).toBe(false); // no messages: a follow-up could not be judged
    const unassigned = byId.get("5004")!;
    expect(unassigned.events.map((e) => e.type)).toEqual(["message"]);
  });

  it("reads times in the audit's zone, since the CSV writes them in the account's zone", async () => {
    const { byId } = await readFixtures(["zendesk/csv/tickets.csv"], { zone: "Europe/Berlin" });
    expect(iso(byId.get("5001")!.created_at)).toBe("2026-11-02T08:14:00.000Z");
  });

  it("rejects a row without a creation time and says which rules could not run", async () => {
    const { files, ledger } = await readFixtures(["zendesk/csv/tickets.csv"]);
    expect(files[0]).toMatchObject({ format: "zendesk", records: 4, accepted: 3, rejected: 1 });
    expect(ledger.rejections).toEqual([{ file: expect.stringContaining("tickets.csv"), line: 4, reason: "ticket 5003: Created at is empty" }]);
    expect(files[0]!.notes).toHaveLength(1);
    expect(files[0]!.notes![0]).toMatch(/^metrics only: .*could not run: slow-reply, ignored-feedback .*repeated-explanation, policy-refusal/);
  });
});

describe("zendesk JSON exports joined on the ticket id", () => {
  it("builds messages from audits and per-ticket comment pages, naming authors from the users export", async () => {
    const { byId } = await readFixtures(["zendesk/json"]);
    const t = byId.get("6001")!;
    const messages = t.events.filter((e) => e.type === "message");
    expect(messages.map((e) => [e.role, e.agent])).toEqual([["customer", undefined], ["agent", "Ana Ruiz"], ["agent", "Cy Park"]]);
    const note = t.events.find((e) => e.type === "note")!;
    expect(note).toMatchObject({ agent: "Ben Ode", public: false, text: "Refund needs an admin, passing to Cy." });
    const other = byId.get("6002")!;
    expect(other.events.filter((e) => e.type === "message").map((e) => e.role)).toEqual(["customer", "agent"]);
  });

  it("makes assignee and group changes after the first assignment into transfers", async () => {
    const { byId } = await readFixtures(["zendesk/json"]);
    const transfers = byId.get("6001")!.events.filter((e) => e.type === "transfer");
    expect(transfers.map((e) => [iso(e.at), e.agent, e.to_agent, e.team, e.to_team])).toEqual([
      ["2026-11-02T11:00:00.000Z", "Ana Ruiz", "Ben Ode", "Support", "Billing"],
      ["2026-11-02T13:00:00.000Z", "Ben Ode", "Cy Park", undefined, undefined],
    ]);
    expect(byId.get("6002")!.events.some((e) => e.type === "transfer")).toBe(false);
  });

  it("counts a ticket unassigned and later given to someone else as one transfer, the first assignment as none", async () => {
    const { byId } = await readFixtures(["zendesk/json-unassigned"]);
    const transfers = byId.get("6101")!.events.filter((e) => e.type === "transfer");
    expect(transfers.map((e) => [iso(e.at), e.agent, e.to_agent])).toEqual([["2026-11-05T11:00:00.000Z", "7001", "7002"]]);
  });

  it("adds satisfaction ratings as good/bad feedback with the comment, and SLA breaches", async () => {
    const { byId } = await readFixtures(["zendesk/json"]);
    const bad = byId.get("6001")!.events.find((e) => e.type === "feedback")!;
    expect(bad).toMatchObject({ score: 0, scale: 2, comment: "Took three people to fix one charge." });
    expect(byId.get("6002")!.events.find((e) => e.type === "feedback")).toMatchObject({ score: 1, scale: 2 });
    expect(byId.get("6001")!.extra.sla_breaches).toEqual([{ metric: "reply_time", at: "2026-11-02T10:00:00Z" }]);
  });

  it("accounts for every record: a cut-off ticket line and a rating of an unknown ticket are rejected by line", async () => {
    const { files, ledger } = await readFixtures(["zendesk/json"]);
    expect(balanced(files)).toBe(true);
    expect(ledger.rejections.map((r) => [r.file.split("/").pop(), r.line])).toEqual([["tickets.json", 3], ["satisfaction_ratings.json", 4]]);
    expect(ledger.rejections[1]!.reason).toMatch(/ticket 5999 is not in the tickets given/);
    expect(files.every((f) => f.notes === undefined)).toBe(true); // comments were given: nothing is missing
  });

  it("falls back on ticket_metrics when tickets come without comments, and says so", async () => {
    const { byId, files } = await readFixtures(["zendesk/json/tickets.json", "zendesk/json/ticket_metrics.json"]);
    const t = byId.get("6001")!;
    expect(t.events.filter((e) => e.type === "message").map((e) => [e.role, iso(e.at)])).toEqual([
      ["customer", "2026-11-02T09:00:00.000Z"], ["agent", "2026-11-02T10:30:00.000Z"],
    ]);
    expect(t.events.filter((e) => e.type === "transfer")).toHaveLength(2); // assignee stations 3
    expect(files.find((f) => f.path.endsWith("tickets.json"))!.notes![0]).toMatch(/metrics only/);
  });
});
