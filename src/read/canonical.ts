import { z } from "zod";
import { CHANNELS, EVENT_TYPES, ROLES, SOURCES, STATUSES, type Conversation, type ConversationEvent } from "../model.js";
import { parseInstant } from "../time/instant.js";

// SPEC section 1, checked record by record. A record that fails is rejected with the first
// problem named by its path ("events[3].at: ..."), never half-audited.

const text = z.string();
const id = z.union([z.string().min(1), z.number()]).transform(String);

const eventSchema = z.looseObject({
  at: z.string({ error: "expected an ISO 8601 time" }),
  type: z.enum(EVENT_TYPES, { error: `expected one of ${EVENT_TYPES.join(", ")}` }),
  role: z.enum(ROLES, { error: `expected one of ${ROLES.join(", ")}` }).optional(),
  agent: id.optional(),
  team: text.optional(),
  text: text.optional(),
  public: z.boolean().optional(),
  duration_s: z.number().min(0, "a duration cannot be negative").optional(),
  queue: text.optional(),
  abandoned: z.boolean().optional(),
  to_agent: id.optional(),
  to_team: text.optional(),
  status: z.enum(STATUSES, { error: `expected one of ${STATUSES.join(", ")}` }).optional(),
  score: z.number().optional(),
  scale: z.number().positive().optional(),
  comment: text.optional(),
});

const conversationSchema = z.looseObject({
  id,
  source: z.enum(SOURCES, { error: `expected one of ${SOURCES.join(", ")}` }).optional(),
  channel: z.enum(CHANNELS, { error: `expected one of ${CHANNELS.join(", ")}` }).optional(),
  created_at: z.string({ error: "expected an ISO 8601 time" }),
  closed_at: z.string().optional(),
  priority: z.union([text, z.number()]).transform(String).optional(),
  queue: text.optional(),
  customer: id.optional(),
  language: text.optional(),
  tags: z.array(text).default([]),
  events: z.array(z.unknown(), { error: "expected a list of events" }).default([]),
});

const KNOWN_KEYS = new Set(Object.keys(conversationSchema.shape));

export type Converted = { ok: true; conversation: Conversation } | { ok: false; reason: string };

function describe(error: z.ZodError, record: unknown, prefix = ""): string {
  const issue = error.issues[0]!;
  const path = prefix + issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
  const value = issue.path.reduce<unknown>((at, key) => (at as Record<PropertyKey, unknown> | undefined)?.[key], record);
  const missing = value === undefined;
  return `${path || "record"}: ${missing ? "missing" : issue.message}`;
}

/** JSON null reads as "not given" (exports write null for empty fields). */
function nulls(record: Record<string, unknown>): Record<string, unknown> {
  for (const key in record) {
    if (record[key] === null) return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null));
  }
  return record;
}

/** A canonical record (already JSON-parsed) to a conversation, or the reason it is rejected. */
export function toConversation(record: unknown, zone: string): Converted {
  if (typeof record !== "object" || record === null || Array.isArray(record)) return { ok: false, reason: "expected a JSON object (one conversation per line)" };
  const parsed = conversationSchema.safeParse(nulls(record as Record<string, unknown>));
  if (!parsed.success) return { ok: false, reason: describe(parsed.error, record) };
  const c = parsed.data;
  const created = parseInstant(c.created_at, zone);
  if (created === undefined) return { ok: false, reason: `created_at: expected an ISO 8601 time, got "${c.created_at}"` };
  const closed = c.closed_at === undefined ? undefined : parseInstant(c.closed_at, zone);
  if (c.closed_at !== undefined && closed === undefined) return { ok: false, reason: `closed_at: expected an ISO 8601 time, got "${c.closed_at}"` };

  const events: ConversationEvent[] = [];
  for (let i = 0; i < c.events.length; i++) {
    const raw = c.events[i];
    if (typeof raw !== "object" || raw === null) return { ok: false, reason: `events[${i}]: expected an event object` };
    const e = eventSchema.safeParse(nulls(raw as Record<string, unknown>));
    if (!e.success) return { ok: false, reason: describe(e.error, raw, `events[${i}].`) };
    const ev = e.data;
    const at = parseInstant(ev.at, zone);
    if (at === undefined) return { ok: false, reason: `events[${i}].at: expected an ISO 8601 time, got "${ev.at}"` };
    if (ev.type === "message" && ev.role === undefined) return { ok: false, reason: `events[${i}].role: a message needs a role (${ROLES.join(", ")})` };
    events.push({
      at, atText: ev.at, type: ev.type, role: ev.role, agent: ev.agent, team: ev.team, text: ev.text,
      public: ev.type === "note" ? false : ev.public ?? true,
      duration_s: ev.duration_s, queue: ev.queue, abandoned: ev.abandoned, to_agent: ev.to_agent, to_team: ev.to_team,
      status: ev.status, score: ev.score, scale: ev.scale, comment: ev.comment, index: i,
    });
  }
  // Events may arrive unsorted (SPEC): order by time, ties in input order.
  events.sort((a, b) => a.at - b.at || a.index - b.index);

  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(c)) if (!KNOWN_KEYS.has(key)) extra[key] = value;
  return {
    ok: true,
    conversation: {
      id: c.id, source: c.source, channel: c.channel, created_at: created, createdText: c.created_at, closed_at: closed,
      priority: c.priority, queue: c.queue, customer: c.customer, language: c.language, tags: c.tags, events, extra,
    },
  };
}

/** A conversation back to canonical JSON (for `convert`), times as they were written. */
export function toCanonicalRecord(c: Conversation): Record<string, unknown> {
  const drop = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return drop({
    id: c.id, source: c.source, channel: c.channel, created_at: c.createdText,
    closed_at: c.closed_at === undefined ? undefined : new Date(c.closed_at).toISOString(),
    priority: c.priority, queue: c.queue, customer: c.customer, language: c.language, tags: c.tags.length ? c.tags : undefined,
    ...c.extra,
    events: c.events.map((e) => drop({
      at: e.atText, type: e.type, role: e.role, agent: e.agent, team: e.team, text: e.text,
      public: e.public ? undefined : false, duration_s: e.duration_s, queue: e.queue, abandoned: e.abandoned,
      to_agent: e.to_agent, to_team: e.to_team, status: e.status, score: e.score, scale: e.scale, comment: e.comment,
    })),
  });
}
