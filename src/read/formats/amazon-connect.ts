import type { InputFormat, ReadContext } from "../format.js";
import type { SourceFile } from "../source.js";
import { fileJsonRecords, isObject, isoFromMs, jsonRecords, msOf, num, Provenance, readText, sortEvents, str } from "./vendor-common.js";

// Amazon Connect contact records (CTR), as Kinesis streams or Firehose deliver them: JSON
// objects one per line or back to back, at least once (so the same ContactId can come twice:
// the latest LastUpdateTimestamp wins). Transfers create new contacts chained by
// PreviousContactId / NextContactId / InitialContactId; a chain is one conversation. Contact Lens
// analysis files (one per contact) add the transcript as messages.

const isCtr = (head: string) => /"ContactId"\s*:/.test(head) && (/"AWSContactTraceRecordFormatVersion"\s*:/.test(head) || /"InitiationMethod"\s*:/.test(head));
const isContactLens = (head: string) => /"Transcript"\s*:\s*\[/.test(head) && /"ParticipantRole"\s*:/.test(head);

const CHANNEL: Record<string, string> = { VOICE: "phone", CHAT: "chat", TASK: "other", EMAIL: "email" };

interface Contact {
  ctr: Record<string, unknown>;
  updated: number;
  prov: Provenance;
}

const obj = (v: unknown) => (isObject(v) ? v : undefined);

/** Union-find over contact ids, so a chain is found whatever order its records arrive in. */
class Chains {
  private readonly parent = new Map<string, string>();
  find(id: string): string {
    let root = id;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    this.parent.set(id, root);
    return root;
  }
  join(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

function contactEvents(contact: Record<string, unknown>, events: Array<Record<string, unknown>>): void {
  const queue = obj(contact.Queue);
  const agent = obj(contact.Agent);
  const username = str(agent?.Username);
  const queueName = str(queue?.Name);
  const connected = str(agent?.ConnectedToAgentTimestamp);
  const enqueued = str(queue?.EnqueueTimestamp);
  if (enqueued) {
    const dequeued = msOf(queue?.DequeueTimestamp);
    const duration = num(queue?.Duration) ?? (dequeued !== undefined ? (dequeued - msOf(enqueued)!) / 1000 : undefined);
    events.push({ at: enqueued, type: "queue", queue: queueName, duration_s: duration, abandoned: connected === undefined });
  }
  if (connected) events.push({ at: connected, type: "answer", role: "agent", agent: username, team: queueName });
  // A CTR gives the hold count, total and longest, not each hold: the longest is one hold, the
  // rest share the remainder (so per-hold, count and total limits all judge true numbers).
  const holds = num(agent?.NumberOfHolds) ?? 0;
  if (holds > 0 && connected) {
    const total = num(agent?.CustomerHoldDuration) ?? 0;
    const longest = num(agent?.LongestHoldDuration) ?? (holds === 1 ? total : 0);
    events.push({ at: connected, type: "hold", agent: username, team: queueName, duration_s: longest });
    for (let i = 1; i < holds; i++) events.push({ at: connected, type: "hold", agent: username, team: queueName, duration_s: Math.max(0, (total - longest) / (holds - 1)) });
  }
}

function lensMessages(lens: Record<string, unknown>, contact: Record<string, unknown>): Array<Record<string, unknown>> {
  const roles = new Map<string, string>();
  for (const p of Array.isArray(lens.Participants) ? lens.Participants : []) {
    if (isObject(p) && str(p.ParticipantId)) roles.set(str(p.ParticipantId)!, String(p.ParticipantRole ?? "").toUpperCase());
  }
  const agent = str(obj(contact.Agent)?.Username);
  // Voice offsets count from the start of the recorded conversation, which begins when the agent connects.
  const base = msOf(obj(contact.Agent)?.ConnectedToAgentTimestamp) ?? msOf(contact.InitiationTimestamp) ?? 0;
  const out: Array<Record<string, unknown>> = [];
  for (const item of Array.isArray(lens.Transcript) ? lens.Transcript : []) {
    if (!isObject(item)) continue;
    const role = str(item.ParticipantRole)?.toUpperCase() ?? roles.get(String(item.ParticipantId)) ?? String(item.ParticipantId ?? "").toUpperCase();
    const at = str(item.AbsoluteTime) ?? (num(item.BeginOffsetMillis) !== undefined ? isoFromMs(base + num(item.BeginOffsetMillis)!) : undefined);
    // Chat transcripts also list events (a participant joined or left) without content.
    const text = str(item.Content);
    if (at === undefined || text === undefined) continue;
    const speaker = role === "AGENT" ? { role: "agent", agent } : role === "CUSTOMER" ? { role: "customer" } : role === "CUSTOM_BOT" ? { role: "bot" } : { role: "system" };
    out.push({ at, type: "message", ...speaker, text });
  }
  return out;
}

// The fields a call is built from; the rest of a CTR (attributes, recordings, media streams) is
// dropped as it is read, since a chain can only be built once every record is in.
const KEPT = new Set([
  "ContactId", "Channel", "InitiationMethod", "InitiationTimestamp", "DisconnectTimestamp", "DisconnectReason", "LastUpdateTimestamp",
  "PreviousContactId", "NextContactId", "InitialContactId", "Queue", "Agent", "CustomerEndpoint", "TransferredToEndpoint", "TransferCompletedTimestamp",
]);
function trim(ctr: Record<string, unknown>): void {
  for (const key of Object.keys(ctr)) if (!KEPT.has(key)) delete ctr[key];
}

async function collect(files: SourceFile[], ctx: ReadContext) {
  const contacts = new Map<string, Contact>();
  const lens = new Map<string, { doc: Record<string, unknown>; file: string; line: number }>();
  for (const file of files) {
    if (isContactLens(file.head)) {
      for (const rec of jsonRecords(await readText(file), [])) {
        if (rec.error || !isObject(rec.value)) {
          ctx.ledger.reject(file.path, rec.line, rec.error ?? "expected a Contact Lens analysis object");
          continue;
        }
        const id = str(obj(rec.value.CustomerMetadata)?.ContactId) ?? /^([0-9a-f-]{36})_analysis/i.exec(file.name)?.[1];
        if (id === undefined) ctx.ledger.reject(file.path, rec.line, "Contact Lens file names no contact (CustomerMetadata.ContactId, or <contactId>_analysis_… as the file name)");
        else lens.set(id, { doc: rec.value, file: file.path, line: rec.line });
      }
      continue;
    }
    let duplicates = 0;
    for await (const rec of fileJsonRecords(file, ["ContactTraceRecords", "Records"])) {
      if (rec.error) {
        ctx.ledger.reject(file.path, rec.line, rec.error);
        continue;
      }
      const ctr = obj(rec.value);
      const id = str(ctr?.ContactId);
      if (!ctr || id === undefined) {
        ctx.ledger.reject(file.path, rec.line, "contact record: no ContactId");
        continue;
      }
      if (msOf(ctr.InitiationTimestamp) === undefined) {
        ctx.ledger.reject(file.path, rec.line, `contact ${id}: InitiationTimestamp is not an ISO time`);
        continue;
      }
      trim(ctr);
      const updated = msOf(ctr.LastUpdateTimestamp) ?? 0;
      const seen = contacts.get(id);
      if (!seen) {
        contacts.set(id, { ctr, updated, prov: new Provenance().add(file.path, rec.line) });
        continue;
      }
      duplicates++;
      seen.prov.add(file.path, rec.line);
      if (updated >= seen.updated) {
        seen.ctr = ctr;
        seen.updated = updated;
      }
    }
    if (duplicates > 0) ctx.ledger.note(file.path, `${duplicates} contact record${duplicates === 1 ? " was" : "s were"} delivered again; each ContactId kept its latest LastUpdateTimestamp`);
  }
  return { contacts, lens };
}

export const amazonConnect: InputFormat = {
  name: "amazon-connect",
  description: "Amazon Connect contact trace records (JSON Lines with ContactId, InitiationMethod, Queue, Agent) and Contact Lens analysis files",
  detect: ({ head }) => isCtr(head) || isContactLens(head),
  async *read(files, ctx) {
    const { contacts, lens } = await collect(files, ctx);
    const chains = new Chains();
    for (const [id, c] of contacts) {
      chains.find(id);
      for (const key of ["PreviousContactId", "NextContactId", "InitialContactId"] as const) {
        const other = str(c.ctr[key]);
        if (other !== undefined) chains.join(id, other);
      }
    }
    const groups = new Map<string, Contact[]>();
    for (const [id, c] of contacts) {
      const root = chains.find(id);
      groups.set(root, [...(groups.get(root) ?? []), c]);
    }
    for (const [id, l] of lens) {
      if (!contacts.has(id)) ctx.ledger.reject(l.file, l.line, `Contact Lens analysis of contact ${id}, which is not in the contact records given`);
    }
    for (const chain of groups.values()) {
      chain.sort((a, b) => msOf(a.ctr.InitiationTimestamp)! - msOf(b.ctr.InitiationTimestamp)!);
      const first = chain[0]!.ctr;
      const last = chain.at(-1)!.ctr;
      const prov = new Provenance();
      const events: Array<Record<string, unknown>> = [];
      chain.forEach((c, i) => {
        prov.merge(c.prov);
        const ctr = c.ctr;
        // A disconnect-flow or monitoring contact is chained too, but passes the caller to no one.
        if (i > 0 && ctr.InitiationMethod !== "DISCONNECT" && ctr.InitiationMethod !== "MONITOR") {
          const before = chain[i - 1]!.ctr;
          events.push({
            at: str(before.TransferCompletedTimestamp) ?? str(ctr.InitiationTimestamp), type: "transfer",
            agent: str(obj(before.Agent)?.Username), team: str(obj(before.Queue)?.Name),
            to_agent: str(obj(ctr.Agent)?.Username), to_team: str(obj(ctr.Queue)?.Name), method: str(ctr.InitiationMethod),
          });
        }
        contactEvents(ctr, events);
        const id = str(ctr.ContactId)!;
        const analysis = lens.get(id);
        if (analysis) {
          events.push(...lensMessages(analysis.doc, ctr));
          prov.add(analysis.file, analysis.line);
        }
      });
      // A transfer out to a phone number ends the chain inside Connect.
      const endpoint = obj(last.TransferredToEndpoint);
      if (endpoint && str(endpoint.Address)) {
        events.push({ at: str(last.TransferCompletedTimestamp) ?? str(last.DisconnectTimestamp) ?? str(last.InitiationTimestamp), type: "transfer", agent: str(obj(last.Agent)?.Username), team: str(obj(last.Queue)?.Name), to_agent: str(endpoint.Address), to_team: "external" });
      }
      const rootId = chain.find((c) => !str(c.ctr.PreviousContactId))?.ctr.ContactId ?? str(first.InitialContactId) ?? first.ContactId;
      yield prov.raw({
        id: str(rootId), source: "call", channel: CHANNEL[String(first.Channel)] ?? "other",
        created_at: first.InitiationTimestamp, closed_at: str(last.DisconnectTimestamp),
        queue: chain.map((c) => str(obj(c.ctr.Queue)?.Name)).find(Boolean),
        customer: str(obj(first.CustomerEndpoint)?.Address),
        contacts: chain.map((c) => c.ctr.ContactId), disconnect_reason: str(last.DisconnectReason),
        events: sortEvents(events),
      });
    }
  },
};
