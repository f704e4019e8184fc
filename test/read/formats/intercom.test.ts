import { describe, expect, it } from "vitest";
import { handoffsOf } from "../../../src/rules/types/transfers.js";
import { balanced, iso, readFixtures } from "./read-fixture.js";

describe("intercom conversations", () => {
  it("turns a conversation reassigned twice into two transfers, naming admins from the parts they wrote", async () => {
    const { byId } = await readFixtures(["intercom/conversations.jsonl"]);
    const c = byId.get("1911149811")!;
    const transfers = c.events.filter((e) => e.type === "transfer");
    expect(transfers.map((e) => [iso(e.at), e.agent, e.to_agent, e.to_team])).toEqual([
      ["2026-11-02T09:11:00.000Z", "Ana Ruiz", "Ben Ode", undefined],
      ["2026-11-02T09:30:00.000Z", "Ben Ode", undefined, "team 6001"],
    ]);
    // The bot's first assignment routes the conversation: it is no transfer.
    expect(handoffsOf(c, false)).toHaveLength(2);
  });

  it("counts a teammate taking a conversation from the team inbox as a pickup, not a transfer", async () => {
    const { byId } = await readFixtures(["intercom/conversations.jsonl"]);
    const c = byId.get("1911149822")!;
    expect(c.events.some((e) => e.type === "transfer")).toBe(false);
    expect(c.events.find((e) => e.type === "message" && e.role === "agent")!.agent).toBe("Ana Ruiz");
  });

  it("maps comment, note and close parts by author type (user, bot, admin), HTML stripped", async () => {
    const { byId } = await readFixtures(["intercom/conversations.jsonl"]);
    const c = byId.get("1911149811")!;
    expect(c.channel).toBe("chat");
    expect(c.events.filter((e) => e.type === "message").map((e) => e.role)).toEqual(["customer", "bot", "agent", "customer", "agent", "customer", "agent"]);
    expect(c.events.find((e) => e.type === "note")).toMatchObject({ agent: "Ana Ruiz", public: false, text: "Large exports are the data team's. Passing to Ben." });
    expect(c.events.find((e) => e.type === "status")).toMatchObject({ status: "closed", agent: "Cy Park" });
    expect(iso(c.closed_at)).toBe("2026-11-02T10:00:00.000Z");
  });

  it("adds the conversation rating as 1..5 feedback with its remark", async () => {
    const { byId } = await readFixtures(["intercom/conversations.jsonl"]);
    expect(byId.get("1911149811")!.events.find((e) => e.type === "feedback")).toMatchObject({ score: 2, scale: 5, comment: "Took an hour and three people." });
    expect(byId.get("1911149822")!.events.find((e) => e.type === "feedback")).toMatchObject({ score: 5, scale: 5 });
    expect(byId.get("1911149822")!.channel).toBe("email");
  });

  it("rejects a conversation without a creation time by line", async () => {
    const { files, ledger } = await readFixtures(["intercom/conversations.jsonl"]);
    expect(balanced(files)).toBe(true);
    expect(ledger.rejections).toEqual([{ file: expect.stringContaining("conversations.jsonl"), line: 3, reason: "conversation 1911149833: created_at is not a Unix time" }]);
  });

  it("reads a list page without parts from its statistics and notes the rules that could not run", async () => {
    const { byId, files } = await readFixtures(["intercom/list-page.json"]);
    const c = byId.get("1911149844")!;
    expect(c.events.filter((e) => e.type === "message").map((e) => [e.role, iso(e.at)])).toEqual([
      ["customer", "2026-11-04T08:00:00.000Z"], ["agent", "2026-11-04T08:25:00.000Z"],
    ]);
    expect(c.events.filter((e) => e.type === "transfer")).toHaveLength(1); // count_assignments 2
    expect(files[0]!.notes![0]).toMatch(/first_admin_reply_at.*could not run: slow-reply, ignored-feedback/);
  });
});
