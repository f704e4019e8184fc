import { describe, expect, it } from "vitest";
import { balanced, iso, readFixtures } from "./read-fixture.js";

const BOTH = ["asterisk/queue_log", "asterisk/Master.csv"];

describe("asterisk queue_log and Master.csv", () => {
  it("reads an abandoned call as a queue wait marked abandoned, with no answer", async () => {
    const { byId } = await readFixtures(BOTH);
    const call = byId.get("1793617200.21")!;
    expect(call.events.map((e) => [e.type, iso(e.at), e.duration_s, e.abandoned])).toEqual([["queue", "2026-11-02T11:00:00.000Z", 168, true]]);
    expect(call.extra.queue_exit).toBe("ABANDON");
    expect(call.customer).toBe("441632960222");
  });

  it("takes the queue wait from CONNECT, and a blind transfer into another queue as one transfer", async () => {
    const { byId } = await readFixtures(BOTH);
    const call = byId.get("1793613600.11")!;
    expect(call.events.map((e) => [e.type, e.queue ?? e.team, e.agent ?? e.to_agent, e.duration_s])).toEqual([
      ["queue", "support", undefined, 55],
      ["answer", "support", "PJSIP/202", undefined],
      ["transfer", "support", "PJSIP/202", undefined],
      ["queue", "billing", undefined, 60],
      ["answer", "billing", "PJSIP/301", undefined],
    ]);
    expect(call.events.find((e) => e.type === "transfer")!.to_agent).toBe("300");
    expect(iso(call.closed_at)).toBe("2026-11-02T10:10:00.000Z");
  });

  it("keeps a timed-out caller's wait without calling it abandoned, and reads attended and plain transfers", async () => {
    const { byId } = await readFixtures(BOTH);
    expect(byId.get("1793620800.31")!.events.map((e) => [e.type, e.duration_s, e.abandoned])).toEqual([["queue", 300, false]]);
    expect(byId.get("1793624400.41")!.events.filter((e) => e.type === "transfer").map((e) => e.agent)).toEqual(["PJSIP/201"]);
    const transferred = byId.get("1793626200.71")!;
    expect(transferred.events.map((e) => [e.type, e.agent, e.to_agent, e.duration_s])).toEqual([
      ["queue", undefined, undefined, 30], ["answer", "PJSIP/301", undefined, undefined], ["transfer", "PJSIP/301", "205", undefined],
    ]);
  });

  it("joins CDR rows to queue_log calls by uniqueid and reads the others as direct calls in local time", async () => {
    const { byId, conversations } = await readFixtures(BOTH, { zone: "Europe/Berlin" });
    expect(conversations).toHaveLength(7);
    expect(byId.get("1793613600.11")!.extra.disposition).toBe("ANSWERED");
    const direct = byId.get("1793628000.50")!;
    expect(direct.events.map((e) => [e.type, e.agent, iso(e.at)])).toEqual([["answer", "PJSIP/201", "2026-11-02T12:00:08.000Z"]]);
    expect(byId.get("1793629800.60")!.events).toEqual([]);
  });

  it("counts agent and queue lines without auditing them, and rejects lines that are neither", async () => {
    const { files, ledger } = await readFixtures(BOTH);
    expect(balanced(files)).toBe(true);
    expect(files.find((f) => f.path.endsWith("queue_log"))!.notes).toEqual(["4 lines are about agents and queues (ADDMEMBER, PAUSE, QUEUESTART…), not calls: counted, nothing to audit"]);
    expect(ledger.rejections.map((r) => [r.file.split("/").pop(), r.line])).toEqual([["queue_log", 15], ["Master.csv", 5]]);
  });

  it("is read whatever order the files are given in", async () => {
    const { byId } = await readFixtures(["asterisk/Master.csv", "asterisk/queue_log"]);
    expect(byId.get("1793613600.11")!.extra.disposition).toBe("ANSWERED");
  });
});
