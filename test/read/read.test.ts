import { describe, expect, it } from "vitest";
import { Readable } from "node:stream";
import { UserError } from "../../src/errors.js";
import type { Conversation } from "../../src/model.js";
import { InputLedger } from "../../src/read/ledger.js";
import { readConversations } from "../../src/read/read.js";
import { openSources } from "../../src/read/source.js";
import type { RuleSet } from "../../src/rules/load.js";

const dir = "test/fixtures/read";

async function read(paths: string[], input: RuleSet["input"] = {}, options: { strict?: boolean; zone?: string; stdin?: Readable } = {}) {
  const ledger = new InputLedger(options.strict);
  const sources = await openSources(paths, options.stdin);
  const conversations: Conversation[] = [];
  for await (const { conversation } of readConversations(sources, { zone: options.zone ?? "UTC", ledger, input })) conversations.push(conversation);
  return { conversations, ledger, byId: new Map(conversations.map((c) => [c.id, c])) };
}

describe("canonical JSON Lines", () => {
  it("accepts good lines and rejects each bad one with its line number and reason (BOM, CRLF, blank lines handled)", async () => {
    const { conversations, ledger } = await read([`${dir}/mixed.jsonl`]);
    expect(conversations.map((c) => c.id)).toEqual(["A-1", "A-6"]);
    expect(ledger.rejections).toEqual([
      { file: `${dir}/mixed.jsonl`, line: 3, reason: expect.stringMatching(/^not valid JSON/) },
      { file: `${dir}/mixed.jsonl`, line: 4, reason: expect.stringMatching(/^channel: expected one of email, chat, phone/) },
      { file: `${dir}/mixed.jsonl`, line: 5, reason: 'events[0].at: expected an ISO 8601 time, got "yesterday"' },
      { file: `${dir}/mixed.jsonl`, line: 6, reason: `id: conversation "A-1" appears again (first at ${dir}/mixed.jsonl:1)` },
      { file: `${dir}/mixed.jsonl`, line: 7, reason: "id: missing" },
      { file: `${dir}/mixed.jsonl`, line: 8, reason: "events[0].role: a message needs a role (customer, agent, bot, system)" },
    ]);
    expect(ledger.files.get(`${dir}/mixed.jsonl`)).toEqual({ path: `${dir}/mixed.jsonl`, format: "canonical", records: 8, accepted: 2, rejected: 6 });
  });

  it("sorts events by time, reads times without offset in the given zone, and keeps extra keys", async () => {
    const { byId } = await read([`${dir}/mixed.jsonl`], {}, { zone: "Europe/Sofia" });
    const c = byId.get("A-6")!;
    expect(c.events.map((e) => e.text)).toEqual(["first", "later"]);
    expect(new Date(c.created_at).toISOString()).toBe("2026-11-03T08:00:00.000Z");
    expect(c.extra).toEqual({ custom_field: "kept" });
  });

  it("stops at the first rejection with --strict", async () => {
    await expect(read([`${dir}/mixed.jsonl`], {}, { strict: true })).rejects.toThrow(/mixed\.jsonl:3: not valid JSON/);
  });

  it("reads standard input", async () => {
    const stdin = Readable.from([Buffer.from('{"id":"S1","created_at":"2026-11-02T09:00:00Z","events":[]}\n')]);
    const { conversations } = await read(["-"], {}, { stdin });
    expect(conversations.map((c) => c.id)).toEqual(["S1"]);
  });
});

describe("CSV", () => {
  it("detects tabs, maps common headers and role words", async () => {
    const { conversations } = await read([`${dir}/tabs.tsv`]);
    expect(conversations).toHaveLength(1);
    expect(conversations[0]!.events.map((e) => [e.role, e.text])).toEqual([["customer", "Hello, tab separated"], ["agent", "Hi there"]]);
  });

  it("handles BOM, CRLF and semicolons, rejecting bad rows one by one", async () => {
    const { byId, ledger } = await read([`${dir}/semicolons.csv`]);
    const file = `${dir}/semicolons.csv`;
    expect([...byId.keys()]).toEqual(["K1"]);
    expect(byId.get("K1")!.events.map((e) => e.type)).toEqual(["message", "message", "hold"]);
    expect(byId.get("K1")!.events[2]!.duration_s).toBe(90);
    expect(byId.get("K1")!.events[0]!.text).toBe("Semi; colon");
    expect(ledger.rejections).toEqual([
      { file, line: 3, reason: 'at: expected an ISO 8601 time, got "not a time" (set input.time_format for times written otherwise)' },
      { file, line: 6, reason: "conversation_id: empty conversation id" },
      { file, line: 7, reason: expect.stringMatching(/^role: "robot" is not a role/) },
      { file, line: 8, reason: expect.stringMatching(/^type: "greeting" is not an event type/) },
    ]);
    expect(ledger.files.get(file)).toMatchObject({ records: 7, accepted: 3, rejected: 4 });
  });

  it("joins a conversations file with an events file by id", async () => {
    const { byId, ledger } = await read([`${dir}/conversations.csv`, `${dir}/events.csv`]);
    expect(byId.get("Q1")).toMatchObject({ channel: "email", priority: "high", tags: ["refund", "vip"] });
    expect(byId.get("Q1")!.events).toHaveLength(2);
    expect(byId.get("Q2")).toMatchObject({ channel: "phone", events: [] });
    expect(ledger.files.get(`${dir}/events.csv`)).toMatchObject({ records: 2, accepted: 2 });
    expect(ledger.files.get(`${dir}/conversations.csv`)).toMatchObject({ records: 2, accepted: 2 });
  });

  it("uses input.map for headers of the export's own, and says which column is missing", async () => {
    const map = { conversation_id: "Dossier", at: "Posted", role: "Author kind", text: "Body" };
    const { conversations } = await read([`${dir}/custom-headers.csv`], { map });
    expect(conversations[0]!.events[0]!.text).toBe("hello");
    await expect(read([`${dir}/custom-headers.csv`])).rejects.toThrow(UserError);
    await expect(read([`${dir}/custom-headers.csv`])).rejects.toThrow(/custom-headers\.csv:1: no conversation id column .*columns: Dossier, Posted, Author kind, Body/);
    await expect(read([`${dir}/custom-headers.csv`], { map: { ...map, text: "Message" } })).rejects.toThrow(/input\.map\.text names column "Message", which the header does not have/);
  });

  it("reads times in the export's own format with input.time_format", async () => {
    const { byId } = await read(["examples/csv-mapping"], {
      time_format: "dd.MM.yyyy HH:mm",
      map: { conversation_id: "Ticket", created_at: "Opened", closed_at: "Closed", channel: "Medium", priority: "Prio", at: "When", role: "Who", agent: "Agent name", text: "Message", internal: "Internal" },
      values: { role: { requester: "customer", staff: "agent" } },
    }, { zone: "Europe/Berlin" });
    const hd1 = byId.get("HD-1")!;
    expect(new Date(hd1.created_at).toISOString()).toBe("2026-11-09T07:00:00.000Z");
    expect(hd1.events.map((e) => [e.role, e.public])).toEqual([["customer", true], ["agent", false], ["agent", true]]);
  });
});

describe("inputs", () => {
  it("names a missing path and a file of no known format", async () => {
    await expect(read(["nope.jsonl"])).rejects.toThrow(/nope\.jsonl: no such file or folder/);
    await expect(read(["README.md"])).rejects.toThrow(/^README\.md:1: not a format support-audit reads \(it starts "# support-audit"\); expected one of zendesk, .*, canonical, csv$/);
  });
});

describe("folders", () => {
  it("find Asterisk's queue_log, which has no file ending, beside the CDR", async () => {
    const sources = await openSources(["test/fixtures/formats/asterisk"]);
    expect(sources.map((s) => s.name).sort()).toEqual(["Master.csv", "queue_log"]);
  });
});

describe("CSV streaming", () => {
  it("hands a conversation on once its last row is read, not at the end of the file", async () => {
    const { conversations } = await read([`${dir}/interleaved.csv`]);
    expect(conversations.map((c) => c.id)).toEqual(["B", "A"]);
    expect(conversations[1]!.events.map((e) => e.text)).toEqual(["first of A", "last of A"]);
  });

  it("reads standard input once, handing every conversation on at the end", async () => {
    const stdin = Readable.from([Buffer.from("conversation_id,at,role,text\nA,2026-11-02T09:00:00Z,customer,a\nB,2026-11-02T09:01:00Z,customer,b\nA,2026-11-02T09:02:00Z,customer,a2\n")]);
    const { conversations, ledger } = await read(["-"], {}, { stdin });
    expect(conversations.map((c) => [c.id, c.events.length])).toEqual([["A", 2], ["B", 1]]);
    expect(ledger.files.get("<stdin>")).toMatchObject({ format: "csv", records: 3, accepted: 3 });
  });
});

describe("JSON Lines by their ending", () => {
  it("reads an empty .jsonl as no conversations, and a bad first record as one rejection", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const folder = mkdtempSync(join(tmpdir(), "sa-jsonl-"));
    writeFileSync(join(folder, "empty.jsonl"), "");
    writeFileSync(join(folder, "bad-first.jsonl"), '{"id":"x"}\n{"id":"y","created_at":"2026-11-02T09:00:00Z","events":[]}\n');
    const { conversations, ledger } = await read([join(folder, "empty.jsonl"), join(folder, "bad-first.jsonl")]);
    expect(conversations.map((c) => c.id)).toEqual(["y"]);
    expect(ledger.rejections).toEqual([{ file: join(folder, "bad-first.jsonl"), line: 1, reason: "created_at: missing" }]);
    expect(ledger.files.get(join(folder, "empty.jsonl"))).toMatchObject({ format: "canonical", records: 0 });
  });
});
