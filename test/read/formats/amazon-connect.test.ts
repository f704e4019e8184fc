import { describe, expect, it } from "vitest";
import { handoffsOf } from "../../../src/rules/types/transfers.js";
import { balanced, iso, readFixtures } from "./read-fixture.js";

const CHAIN = "7d1c2b7e-0f3a-4e52-9a61-3c1f0b2d4e01";

describe("amazon connect contact records", () => {
  it("joins a chain of three transfers delivered out of order into one call, named by its first contact", async () => {
    const { byId, conversations } = await readFixtures(["amazon-connect"]);
    expect(conversations.map((c) => c.id).sort()).toEqual([CHAIN, "a5e0c9d4-1b2c-4d3e-8f90-aa11bb22cc33", "a5e0c9d4-1b2c-4d3e-8f90-aa11bb22cc44"]);
    const call = byId.get(CHAIN)!;
    expect(call.source).toBe("call");
    expect(iso(call.created_at)).toBe("2026-11-02T09:00:00.000Z");
    expect(iso(call.closed_at)).toBe("2026-11-02T09:31:00.000Z");
    const transfers = call.events.filter((e) => e.type === "transfer");
    expect(transfers.map((e) => [iso(e.at), e.agent, e.to_agent, e.to_team])).toEqual([
      ["2026-11-02T09:06:10.000Z", "alice", "bob", "Billing"],
      ["2026-11-02T09:12:00.000Z", "bob", "carol", "Refunds"],
      ["2026-11-02T09:20:00.000Z", "carol", "dave", "Supervisors"],
    ]);
    expect(handoffsOf(call).length).toBe(3);
  });

  it("keeps the latest delivery of a contact delivered twice, and says so", async () => {
    const { byId, files } = await readFixtures(["amazon-connect/ctr-2026-11-02-09.jsonl"]);
    // The older copy of contact 2 (later in the file) has no NextContactId: kept, it would cut the chain.
    expect(byId.get(CHAIN)!.extra.contacts).toHaveLength(4);
    expect(files[0]).toMatchObject({ records: 6, accepted: 5, rejected: 1 });
    expect(files[0]!.notes).toEqual(["1 contact record was delivered again; each ContactId kept its latest LastUpdateTimestamp"]);
  });

  it("turns Queue.Duration into queue waits and the hold counters into holds", async () => {
    const { byId } = await readFixtures(["amazon-connect"]);
    const call = byId.get(CHAIN)!;
    expect(call.events.filter((e) => e.type === "queue").map((e) => [e.queue, e.duration_s, e.abandoned])).toEqual([
      ["General", 90, false], ["Billing", 108, false], ["Refunds", 270, false], ["Supervisors", 58, false],
    ]);
    // alice: 2 holds, 150 s in all, the longest 120 s; dave: one hold of 300 s.
    expect(call.events.filter((e) => e.type === "hold").map((e) => [e.agent, e.duration_s])).toEqual([["alice", 120], ["alice", 30], ["dave", 300]]);
    const abandoned = byId.get("a5e0c9d4-1b2c-4d3e-8f90-aa11bb22cc33")!;
    expect(abandoned.events.map((e) => [e.type, e.duration_s, e.abandoned])).toEqual([["queue", 315, true]]);
  });

  it("adds the Contact Lens transcript as messages at the agent connect time plus their offsets", async () => {
    const { byId } = await readFixtures(["amazon-connect"]);
    const messages = byId.get(CHAIN)!.events.filter((e) => e.type === "message");
    expect(messages.map((e) => [iso(e.at), e.role, e.agent])).toEqual([
      ["2026-11-02T09:01:51.000Z", "agent", "alice"], ["2026-11-02T09:01:54.200Z", "customer", undefined], ["2026-11-02T09:06:00.000Z", "agent", "alice"],
    ]);
  });

  it("reads records Firehose wrote back to back, and accounts for every record", async () => {
    const { byId, files, ledger } = await readFixtures(["amazon-connect"]);
    expect(byId.get("a5e0c9d4-1b2c-4d3e-8f90-aa11bb22cc44")!.channel).toBe("chat");
    expect(balanced(files)).toBe(true);
    expect(ledger.rejections.map((r) => [r.file.split("/").pop(), r.line])).toEqual([["ctr-2026-11-02-09.jsonl", 5]]);
  });

  it("rejects a Contact Lens file whose contact is not among the records", async () => {
    const { ledger } = await readFixtures(["amazon-connect/Analysis", "amazon-connect/ctr-2026-11-02-10.json"]);
    expect(ledger.rejections).toHaveLength(1);
    expect(ledger.rejections[0]!.reason).toMatch(/contact 7d1c2b7e-0f3a-4e52-9a61-3c1f0b2d4e01, which is not in the contact records given/);
  });
});
