import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Conversation } from "../../../src/model.js";
import { FIXTURES, readFixtures } from "./read-fixture.js";
import { InputLedger } from "../../../src/read/ledger.js";
import { readConversations } from "../../../src/read/read.js";
import { openSources } from "../../../src/read/source.js";

// End to end through the built CLI (npm test builds first): vendor export -> canonical JSON Lines
// -> read back by the canonical reader, with nothing lost or changed on the way.

const ROOT = join(import.meta.dirname, "../../..");
const cli = (args: string[]) => {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1" };
  delete env.FORCE_COLOR;
  return spawnSync(process.execPath, [join(ROOT, "bin/support-audit.js"), ...args], { cwd: ROOT, encoding: "utf8", env });
};

const shape = (c: Conversation) => ({
  id: c.id, source: c.source, channel: c.channel, created_at: c.created_at, closed_at: c.closed_at, queue: c.queue, customer: c.customer,
  events: c.events.map((e) => [e.at, e.type, e.role, e.agent, e.team, e.to_agent, e.to_team, e.duration_s, e.abandoned, e.score, e.text, e.public]),
});

async function readBack(jsonl: string) {
  const dir = mkdtempSync(join(tmpdir(), "support-audit-convert-"));
  const path = join(dir, "conversations.jsonl");
  writeFileSync(path, jsonl);
  const ledger = new InputLedger();
  const out: Conversation[] = [];
  for await (const { conversation } of readConversations(await openSources([path]), { zone: "UTC", ledger, input: {} })) out.push(conversation);
  return { conversations: out, files: [...ledger.files.values()] };
}

describe("support-audit convert on vendor exports", () => {
  for (const fixture of ["amazon-connect", "zendesk/json", "zendesk/csv", "asterisk/queue_log"]) {
    it(`writes ${fixture} as canonical JSON Lines that read back unchanged`, async () => {
      const run = cli(["convert", join(FIXTURES, fixture)]);
      expect(run.status).toBe(0);
      const direct = await readFixtures([fixture]);
      const back = await readBack(run.stdout);
      expect(back.files.map((f) => [f.format, f.rejected])).toEqual([["canonical", 0]]);
      expect(back.conversations.map(shape)).toEqual(direct.conversations.map(shape));
      // Rejections still reach the person converting, on stderr.
      for (const r of direct.ledger.rejections) expect(run.stderr).toContain(`:${r.line}: ${r.reason}`);
    });
  }

  it("puts a metrics-only export's note in the JSON report's input section", () => {
    const run = cli([join(FIXTURES, "zendesk/csv"), "--format", "json", "--as-of", "2026-11-23T12:00:00Z"]);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.input.files[0].notes).toEqual([expect.stringMatching(/^metrics only: the Zendesk CSV export has no comments/)]);
  });
});
