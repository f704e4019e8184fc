import { describe, expect, it } from "vitest";
import { handoffsOf } from "../../../src/rules/types/transfers.js";
import { balanced, readFixtures } from "./read-fixture.js";

const id = (n: number) => `${n.toString(16).padStart(8, "0")}-6b1c-4d2e-9f30-a1b2c3d4e5f6`;

describe("genesys cloud conversation details", () => {
  it("reads queue waits from acd interact segments, holds from hold segments, and a transfer to the next agent", async () => {
    const { byId } = await readFixtures(["genesys"]);
    const call = byId.get(id(0x1001))!;
    expect(call.channel).toBe("phone");
    expect(call.events.map((e) => [e.type, e.agent ?? e.queue, e.to_agent ?? e.to_team, e.duration_s])).toEqual([
      ["queue", "Support", undefined, 45],
      ["answer", "Alice Ward", undefined, undefined],
      ["hold", "Alice Ward", undefined, 150],
      ["transfer", "Alice Ward", "Bo Lind", undefined],
      ["queue", "Billing", undefined, 80],
      ["answer", "Bo Lind", undefined, undefined],
    ]);
    // The IVR's transfer into the queue is routing, not a handoff between people.
    expect(handoffsOf(call)).toHaveLength(1);
    expect(call.events.find((e) => e.type === "transfer")!.to_team).toBe("Billing");
  });

  it("marks a chat that left the queue before any agent picked up as abandoned", async () => {
    const { byId } = await readFixtures(["genesys"]);
    const chat = byId.get(id(0x1002))!;
    expect(chat.channel).toBe("chat");
    expect(chat.events.map((e) => [e.type, e.duration_s, e.abandoned])).toEqual([["queue", 249, true]]);
  });

  it("rejects a conversation without a start, by line", async () => {
    const { files, ledger } = await readFixtures(["genesys"]);
    expect(balanced(files)).toBe(true);
    expect(ledger.rejections).toHaveLength(1);
    expect(ledger.rejections[0]).toMatchObject({ line: 329, reason: `conversation ${id(0x1003)}: conversationStart missing or not an ISO time` });
  });
});
