import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assignFormats } from "../../../src/read/read.js";
import { openSources } from "../../../src/read/source.js";
import { FIXTURES, readFixtures } from "./read-fixture.js";

async function formatsOf(paths: string[]): Promise<Record<string, string>> {
  const sources = await openSources(paths.map((p) => join(FIXTURES, p)));
  const found: Record<string, string> = {};
  for (const [format, files] of assignFormats(sources)) for (const f of files) found[f.path.split("formats/")[1]!] = format.name;
  return found;
}

describe("vendor format detection", () => {
  it("recognises every file of every export from its header or shape", async () => {
    expect(await formatsOf(["zendesk", "freshdesk", "intercom", "amazon-connect", "asterisk/queue_log", "asterisk/Master.csv", "twilio", "genesys"])).toEqual({
      "zendesk/csv/tickets.csv": "zendesk",
      "zendesk/json/audits.json": "zendesk",
      "zendesk/json/groups.json": "zendesk",
      "zendesk/json/satisfaction_ratings.json": "zendesk",
      "zendesk/json/ticket_metric_events.json": "zendesk",
      "zendesk/json/ticket_metrics.json": "zendesk",
      "zendesk/json/tickets.json": "zendesk",
      "zendesk/json/tickets/6002/comments.json": "zendesk",
      "zendesk/json/users.json": "zendesk",
      "zendesk/json-unassigned/audits.json": "zendesk",
      "zendesk/json-unassigned/tickets.json": "zendesk",
      "freshdesk/Tickets export 2026-11-03.csv": "freshdesk",
      "freshdesk/tickets.csv": "freshdesk",
      "intercom/conversations.jsonl": "intercom",
      "intercom/list-page.json": "intercom",
      "amazon-connect/Analysis/Voice/2026/11/02/7d1c2b7e-0f3a-4e52-9a61-3c1f0b2d4e01_analysis_2026-11-02T09:31:40Z.json": "amazon-connect",
      "amazon-connect/ctr-2026-11-02-09.jsonl": "amazon-connect",
      "amazon-connect/ctr-2026-11-02-10.json": "amazon-connect",
      "asterisk/queue_log": "asterisk",
      "asterisk/Master.csv": "asterisk",
      "twilio/Calls.csv": "twilio",
      "twilio/calls.json": "twilio",
      "genesys/conversation-details.json": "genesys",
    });
  });

  it("leaves canonical JSON Lines and plain CSV to their own readers", async () => {
    const sources = await openSources([join(import.meta.dirname, "../../../samples")]);
    const names = [...assignFormats(sources).keys()].map((f) => f.name).sort();
    expect(names).toEqual(["canonical", "csv"]);
  });

  it("names the file and the formats it expected when nothing matches", async () => {
    const sources = await openSources([join(FIXTURES, "unknown/notes.txt")]);
    expect(() => assignFormats(sources)).toThrow(/notes\.txt:1: not a format support-audit reads \(it starts ".*"\); expected one of zendesk, freshdesk, intercom, amazon-connect, asterisk, twilio, genesys, canonical, csv$/);
  });

  it("reads a file as the format --input-format names", async () => {
    // queue_log lines with an unknown event still look like queue_log; forcing skips detection altogether.
    const { conversations, files } = await readFixtures(["asterisk/queue_log"], { format: "asterisk" });
    expect(files[0]!.format).toBe("asterisk");
    expect(conversations.length).toBe(5);
  });
});
