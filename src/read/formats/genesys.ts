import type { InputFormat } from "../format.js";
import { fileJsonRecords, isObject, msOf, Provenance, sortEvents, str } from "./vendor-common.js";

// Genesys Cloud conversation details, as POST /api/v2/analytics/conversations/details/query (or
// its async jobs) return them: {"conversations": [...]} pages, an array, or one per line. Each
// participant has a purpose (customer, external, ivr, acd, agent, …) and sessions of segments
// (alert, interact, hold, wrapup, …). The acd participant's interact segment is the queue wait;
// an agent's interact is the pickup, hold segments are holds, and an agent interact that ends
// with disconnectType transfer passes the conversation on.

const looksLikeGenesys = (head: string) => /"conversationId"\s*:/.test(head) && /"participants"\s*:/.test(head) && /"purpose"\s*:/.test(head);

const CHANNEL: Record<string, string> = { voice: "phone", callback: "phone", chat: "chat", email: "email", message: "other", cobrowse: "web", video: "other", screenshare: "other" };
const MESSAGE_CHANNEL: Record<string, string> = { sms: "sms", facebook: "social", twitter: "social", whatsapp: "social", instagram: "social", line: "social", webmessaging: "chat", open: "other" };
const TRANSFERS = new Set(["transfer", "consultTransfer", "forwardTransfer"]);

interface Segment {
  start: string;
  end?: string;
  type: string;
  queueId?: string;
  disconnectType?: string;
}

interface Participant {
  purpose: string;
  name?: string;
  userId?: string;
  segments: Segment[];
  mediaType?: string;
  messageType?: string;
  ani?: string;
}

function participantsOf(conv: Record<string, unknown>): Participant[] {
  const out: Participant[] = [];
  for (const p of Array.isArray(conv.participants) ? conv.participants : []) {
    if (!isObject(p)) continue;
    const segments: Segment[] = [];
    let mediaType: string | undefined;
    let messageType: string | undefined;
    let ani: string | undefined;
    for (const s of Array.isArray(p.sessions) ? p.sessions : []) {
      if (!isObject(s)) continue;
      mediaType ??= str(s.mediaType);
      messageType ??= str(s.messageType);
      ani ??= str(s.ani) ?? str(s.remote);
      for (const seg of Array.isArray(s.segments) ? s.segments : []) {
        if (!isObject(seg) || typeof seg.segmentStart !== "string") continue;
        segments.push({ start: seg.segmentStart, end: str(seg.segmentEnd), type: String(seg.segmentType ?? ""), queueId: str(seg.queueId), disconnectType: str(seg.disconnectType) });
      }
    }
    segments.sort((a, b) => (msOf(a.start) ?? 0) - (msOf(b.start) ?? 0));
    out.push({ purpose: String(p.purpose ?? ""), name: str(p.participantName), userId: str(p.userId), segments, mediaType, messageType, ani });
  }
  return out;
}

const seconds = (s: Segment) => {
  const start = msOf(s.start);
  const end = msOf(s.end);
  return start !== undefined && end !== undefined ? Math.max(0, (end - start) / 1000) : undefined;
};

function toRecord(conv: Record<string, unknown>): Record<string, unknown> | string {
  const id = str(conv.conversationId);
  if (id === undefined) return "conversation: no conversationId";
  if (msOf(conv.conversationStart) === undefined) return `conversation ${id}: conversationStart missing or not an ISO time`;
  const participants = participantsOf(conv);
  // Queues are named by their acd participant; agents by name when the export has it, else by user id.
  const queueNames = new Map<string, string>();
  for (const p of participants) {
    if (p.purpose !== "acd" || !p.name) continue;
    for (const s of p.segments) if (s.queueId) queueNames.set(s.queueId, p.name);
  }
  const queueName = (queueId?: string) => (queueId === undefined ? undefined : queueNames.get(queueId) ?? queueId);
  const agents = participants.filter((p) => p.purpose === "agent" || p.purpose === "user");
  const pickups = agents
    .map((p) => ({ p, first: p.segments.find((s) => s.type === "interact") }))
    .filter((x): x is { p: Participant; first: Segment } => x.first !== undefined)
    .sort((a, b) => msOf(a.first.start)! - msOf(b.first.start)!);
  const agentName = (p: Participant) => p.name ?? p.userId;

  const events: Array<Record<string, unknown>> = [];
  for (const [i, { p, first }] of pickups.entries()) {
    const name = agentName(p);
    const team = queueName(first.queueId);
    events.push({ at: first.start, type: "answer", role: "agent", agent: name, team });
    for (const s of p.segments) {
      if (s.type === "hold") events.push({ at: s.start, type: "hold", agent: name, team, duration_s: seconds(s) });
      if (s.type === "interact" && TRANSFERS.has(s.disconnectType ?? "")) {
        const next = pickups.slice(i + 1).find((x) => x.p !== p);
        events.push({ at: s.end ?? s.start, type: "transfer", agent: name, team, to_agent: next ? agentName(next.p) : undefined, to_team: next ? queueName(next.first.queueId) : undefined, kind: s.disconnectType });
      }
    }
  }
  // After the agents' events: a transfer is listed before the queue wait it leads to.
  for (const p of participants.filter((x) => x.purpose === "acd")) {
    for (const s of p.segments) {
      if (s.type !== "interact") continue;
      const startMs = msOf(s.start)!;
      // Waiting ended by an agent picking up; otherwise the customer left the queue.
      const answered = pickups.some((x) => msOf(x.first.start)! >= startMs);
      events.push({ at: s.start, type: "queue", queue: p.name ?? queueName(s.queueId), duration_s: seconds(s), abandoned: !answered && !TRANSFERS.has(s.disconnectType ?? "") });
    }
  }
  const customer = participants.find((p) => p.purpose === "customer" || p.purpose === "external");
  const media = participants.map((p) => p.mediaType).find(Boolean);
  const messageType = participants.map((p) => p.messageType).find(Boolean);
  const channel = media === "message" && messageType ? MESSAGE_CHANNEL[messageType] ?? "other" : CHANNEL[media ?? ""] ?? "other";
  const firstQueue = events.find((e) => e.type === "queue");
  return {
    id, source: channel === "phone" ? "call" : "ticket", channel, created_at: conv.conversationStart, closed_at: str(conv.conversationEnd),
    queue: firstQueue?.queue, customer: customer ? customer.ani ?? customer.name : undefined, direction: str(conv.originatingDirection),
    events: sortEvents(events),
  };
}

export const genesys: InputFormat = {
  name: "genesys",
  description: "Genesys Cloud analytics conversation details (conversationId, participants[].purpose, sessions[].segments[])",
  detect: ({ head }) => looksLikeGenesys(head),
  async *read(files, ctx) {
    for (const file of files) {
      for await (const rec of fileJsonRecords(file, ["conversations"])) {
        if (rec.error || !isObject(rec.value)) {
          ctx.ledger.reject(file.path, rec.line, rec.error ?? "expected a conversation object");
          continue;
        }
        const record = toRecord(rec.value);
        if (typeof record === "string") ctx.ledger.reject(file.path, rec.line, record);
        else yield new Provenance().add(file.path, rec.line).raw(record);
      }
    }
  },
};
