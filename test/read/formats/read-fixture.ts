import { join } from "node:path";
import type { Conversation } from "../../../src/model.js";
import { InputLedger } from "../../../src/read/ledger.js";
import { readConversations } from "../../../src/read/read.js";
import { openSources } from "../../../src/read/source.js";

export const FIXTURES = join(import.meta.dirname, "../../fixtures/formats");

/** Reads fixture files (paths under test/fixtures/formats) as the CLI would: detected, joined, accounted. */
export async function readFixtures(paths: string[], options: { zone?: string; format?: string } = {}) {
  const ledger = new InputLedger();
  const sources = await openSources(paths.map((p) => join(FIXTURES, p)));
  const conversations: Conversation[] = [];
  for await (const { conversation } of readConversations(sources, { zone: options.zone ?? "UTC", ledger, input: {}, format: options.format })) conversations.push(conversation);
  const byId = new Map(conversations.map((c) => [c.id, c]));
  const files = [...ledger.files.values()];
  return { conversations, byId, ledger, files };
}

/** Every file's records are all accounted for: records = accepted + rejected. */
export function balanced(files: Array<{ records: number; accepted: number; rejected: number }>): boolean {
  return files.every((f) => f.records === f.accepted + f.rejected);
}

export const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
