import { describe, expect, it } from "vitest";
import { balanced, iso, readFixtures } from "./read-fixture.js";

const sid = (n: number) => `CA${n.toString(16).padStart(32, "0")}`;

describe("twilio call records", () => {
  it("makes the first answered child leg the pickup and later ones transfers, grandchildren included", async () => {
    const { byId } = await readFixtures(["twilio/calls.json"]);
    const call = byId.get(sid(0x101))!;
    expect(call.events.map((e) => [e.type, iso(e.at), e.agent, e.to_agent])).toEqual([
      ["answer", "2026-11-02T10:00:30.000Z", "alice", undefined],
      ["transfer", "2026-11-02T10:05:10.000Z", "alice", "bob"],
      ["transfer", "2026-11-02T10:08:00.000Z", "bob", "dan"],
    ]);
    expect(call.customer).toBe("+14155550100");
    expect(iso(call.closed_at)).toBe("2026-11-02T10:12:00.000Z");
  });

  it("reads RFC 2822 dates and keeps where a call was forwarded from", async () => {
    const { byId } = await readFixtures(["twilio/calls.json"]);
    const call = byId.get(sid(0x201))!;
    expect(iso(call.created_at)).toBe("2026-11-02T11:00:00.000Z");
    expect(call.extra.forwarded_from).toBe("+14155559999");
    expect(call.events).toEqual([]);
  });

  it("reads Calls.csv the same way, a forward to an outside number included", async () => {
    const { byId } = await readFixtures(["twilio/Calls.csv"]);
    expect(byId.get(sid(0x401))!.events.map((e) => [e.type, e.agent, e.to_agent])).toEqual([["answer", "alice", undefined], ["transfer", "alice", "+14155557777"]]);
  });

  it("rejects an unreadable date and a child leg whose parent is missing, by line", async () => {
    const { files, ledger } = await readFixtures(["twilio"]);
    expect(balanced(files)).toBe(true);
    expect(ledger.rejections.map((r) => [r.file.split("/").pop(), r.line, r.reason.split(":")[0]])).toEqual([
      ["Calls.csv", 5, `call ${sid(0x404)}`],
      ["calls.json", 195, `child call ${sid(0x301)}`],
    ]);
    expect(ledger.rejections[1]!.reason).toMatch(/parent call CA0+399 is not in the records given/);
  });
});
