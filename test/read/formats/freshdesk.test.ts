import { describe, expect, it } from "vitest";
import { balanced, iso, readFixtures } from "./read-fixture.js";

describe("freshdesk ticket export", () => {
  it("reads the description as the opening message and the initial response time as the first reply", async () => {
    const { byId } = await readFixtures(["freshdesk/tickets.csv"]);
    const t = byId.get("3001")!;
    expect(t.events.map((e) => [e.type, e.role ?? e.status, iso(e.at)])).toEqual([
      ["message", "customer", "2026-11-02T09:00:00.000Z"],
      ["message", "agent", "2026-11-02T11:30:00.000Z"],
      ["status", "solved", "2026-11-02T15:00:00.000Z"],
    ]);
    expect(t.events[0]!.text).toBe("I was charged twice for my November invoice, please refund one.");
    expect(t).toMatchObject({ channel: "email", priority: "high", queue: "Billing", tags: ["billing", "refund"] });
    expect(t.extra.rating).toBe("Not Good");
  });

  it("matches headers whatever their capitalisation, and knows an outbound email is the agent's", async () => {
    const { byId } = await readFixtures(["freshdesk/Tickets export 2026-11-03.csv"]);
    const t = byId.get("3101")!;
    expect(t.events[0]).toMatchObject({ type: "message", role: "agent" });
    expect(iso(t.closed_at)).toBe("2026-11-04T12:00:00.000Z");
    expect(t.extra.rating).toBe("Awesome");
  });

  it("rejects a ticket without a creation time and notes the rules that need a conversation", async () => {
    const { files, ledger } = await readFixtures(["freshdesk"]);
    expect(balanced(files)).toBe(true);
    expect(ledger.rejections).toEqual([{ file: expect.stringContaining("tickets.csv"), line: 4, reason: "ticket 3003: Created time is empty" }]);
    for (const f of files) expect(f.notes![0]).toMatch(/^metrics only: .*could not run: slow-reply, ignored-feedback/);
  });
});
