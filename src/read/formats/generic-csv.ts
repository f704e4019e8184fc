import { DateTime } from "luxon";
import { parse as parseSync } from "csv-parse/sync";
import { csvRowBatches, type CsvRow } from "../csv-rows.js";
import { UserError } from "../../errors.js";
import { CHANNELS, EVENT_TYPES, ROLES, type Origin } from "../../model.js";
import { CSV_FIELDS } from "../../rules/ruleset-schema.js";
import { parseDuration } from "../../time/duration.js";
import { parseInstant } from "../../time/instant.js";
import type { InputFormat, RawConversation, ReadContext } from "../format.js";
import type { SourceFile } from "../source.js";

type Field = (typeof CSV_FIELDS)[number];

// Headers people use for each canonical field, tried in order when input.map does not say.
const SYNONYMS: Partial<Record<Field, string[]>> = {
  conversation_id: ["conversation_id", "conversation", "ticket_id", "ticket", "case_id", "case", "call_id", "thread_id", "chat_id"],
  at: ["at", "time", "timestamp", "event_time", "sent_at", "datetime"],
  type: ["type", "event_type", "event"],
  role: ["role", "author_role", "sender_role", "sender_type", "author_type", "speaker"],
  agent: ["agent", "agent_name", "agent_id", "assignee"],
  text: ["text", "message", "body", "content"],
  duration_s: ["duration_s", "duration", "seconds"],
  created_at: ["created_at", "created", "opened_at"],
  closed_at: ["closed_at", "closed", "solved_at", "resolved_at"],
};

const normalise = (header: string) => header.trim().toLowerCase().replace(/[\s\-./]+/g, "_");

const BUILTIN_ROLES: Record<string, (typeof ROLES)[number]> = {
  customer: "customer", "end-user": "customer", end_user: "customer", enduser: "customer", requester: "customer", user: "customer",
  contact: "customer", client: "customer", caller: "customer", lead: "customer", visitor: "customer",
  agent: "agent", admin: "agent", staff: "agent", operator: "agent", support: "agent", teammate: "agent", rep: "agent",
  bot: "bot", automation: "bot", system: "system",
};
const FALSE_WORDS = new Set(["false", "0", "no", "n", "internal", "private"]);
const TRUE_WORDS = new Set(["true", "1", "yes", "y", "public"]);

function detectDelimiter(head: string): string {
  const line = head.split("\n")[0] ?? "";
  const counts = new Map<string, number>([[",", 0], [";", 0], ["\t", 0]]);
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

const CONVERSATION_FIELDS = ["source", "channel", "created_at", "closed_at", "priority", "customer", "language", "tags"] as const;

interface Columns {
  index: Partial<Record<Field, number>>;
  headers: string[];
}

function resolveColumns(file: SourceFile, headers: string[], ctx: ReadContext, conversationsFile: boolean): Columns {
  const normalised = headers.map(normalise);
  const index: Partial<Record<Field, number>> = {};
  for (const [field, header] of Object.entries(ctx.input.map ?? {}) as Array<[Field, string]>) {
    const at = normalised.indexOf(normalise(header));
    if (at === -1) {
      // Conversation-level columns may sit in either file; an event column must be in the events file.
      const eventField = field !== "conversation_id" && !(CONVERSATION_FIELDS as readonly string[]).includes(field);
      if (eventField && !conversationsFile) {
        throw new UserError(`${file.path}:1: input.map.${field} names column "${header}", which the header does not have (columns: ${headers.join(", ")})`);
      }
      continue;
    }
    index[field] = at;
  }
  for (const field of CSV_FIELDS) {
    if (index[field] !== undefined) continue;
    const at = normalised.findIndex((h) => (SYNONYMS[field] ?? [field]).includes(h));
    if (at !== -1) index[field] = at;
  }
  // In a file of conversations (no event times) a bare "id" column is the conversation id.
  if (index.conversation_id === undefined && conversationsFile) {
    const at = normalised.indexOf("id");
    if (at !== -1) index.conversation_id = at;
  }
  if (index.conversation_id === undefined) {
    const mapped = ctx.input.map?.conversation_id;
    throw new UserError(
      `${file.path}:1: no conversation id column (looked for ${mapped ? `"${mapped}" (input.map), ` : ""}${SYNONYMS.conversation_id!.join(", ")}; columns: ${headers.join(", ")})`,
      "name it in the rule set: input: { map: { conversation_id: \"Your Column\" } }",
    );
  }
  return { index, headers };
}

type Row = CsvRow;

const cell = (row: Row, cols: Columns, field: Field): string | undefined => {
  const i = cols.index[field];
  const value = i === undefined ? undefined : row.cells[i]?.trim();
  return value === "" ? undefined : value;
};

function mapValue(value: string | undefined, custom: Record<string, string> | undefined, builtin: Record<string, string>): string | undefined {
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  for (const [from, to] of Object.entries(custom ?? {})) if (from.toLowerCase() === lower) return to;
  return builtin[lower] ?? lower;
}

function number(value: string | undefined, field: string): number | undefined | Error {
  if (value === undefined) return undefined;
  const n = Number(value.replace(",", "."));
  if (Number.isFinite(n)) return n;
  if (field === "duration_s") {
    const clock = /^(\d+):([0-5]\d)(?::([0-5]\d))?$/.exec(value);
    if (clock) return clock[3] === undefined ? Number(clock[1]) * 60 + Number(clock[2]) : Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
    const d = parseDuration(value);
    if (d !== undefined) return d;
  }
  return new Error(`${field}: expected a number, got "${value}"`);
}

function bool(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  return FALSE_WORDS.has(lower) ? false : TRUE_WORDS.has(lower) ? true : undefined;
}


/** Conversation-level columns of a row, into the conversation's fields; an error for a bad time. */
function conversationFields(row: Row, cols: Columns, ctx: ReadContext, into: Record<string, unknown>): string | undefined {
  for (const field of CONVERSATION_FIELDS) {
    if (into[field] !== undefined) continue;
    let value = cell(row, cols, field);
    if (value === undefined) continue;
    if (field === "created_at" || field === "closed_at") {
      const iso = isoTime(value, field, ctx);
      if (iso instanceof Error) return iso.message;
      value = iso;
    }
    if (field === "tags") into.tags = value.split(/[,;|]/).map((t) => t.trim()).filter(Boolean);
    else if (field === "channel") into.channel = mapValue(value, ctx.input.values?.channel, Object.fromEntries(CHANNELS.map((c) => [c, c])));
    else into[field] = field === "source" ? value.toLowerCase() : value;
  }
  return undefined;
}

/** A time in the export's own format (input.time_format) as ISO 8601 with its offset. */
function isoTime(value: string, field: string, ctx: ReadContext): string | Error {
  const format = ctx.input.time_format;
  if (format === undefined) {
    return parseInstant(value, ctx.zone) === undefined
      ? new Error(`${field}: expected an ISO 8601 time, got "${value}" (set input.time_format for times written otherwise)`)
      : value;
  }
  const parsed = DateTime.fromFormat(value, format, { zone: ctx.zone });
  return parsed.isValid ? parsed.toISO()! : new Error(`${field}: expected a time like "${format}" (input.time_format), got "${value}"`);
}

/** One CSV row to a canonical event, or the reason it cannot be one. */
function eventOf(row: Row, cols: Columns, ctx: ReadContext): Record<string, unknown> | string {
  const written = cell(row, cols, "at");
  if (written === undefined) return "at: empty (every event row needs a time)";
  const at = isoTime(written, "at", ctx);
  if (at instanceof Error) return at.message;
  const type = mapValue(cell(row, cols, "type"), ctx.input.values?.type, {}) ?? "message";
  if (!(EVENT_TYPES as readonly string[]).includes(type)) return `type: "${type}" is not an event type (${EVENT_TYPES.join(", ")}); map yours with input.values.type`;
  const role = mapValue(cell(row, cols, "role"), ctx.input.values?.role, BUILTIN_ROLES);
  if (role !== undefined && !(ROLES as readonly string[]).includes(role)) return `role: "${cell(row, cols, "role")}" is not a role (${ROLES.join(", ")}); map yours with input.values.role`;
  const event: Record<string, unknown> = { at, type, role };
  for (const field of ["agent", "team", "text", "queue", "to_agent", "to_team", "status", "comment"] as const) event[field] = cell(row, cols, field);
  if (event.status !== undefined) event.status = String(event.status).toLowerCase();
  for (const field of ["duration_s", "score", "scale"] as const) {
    const n = number(cell(row, cols, field), field);
    if (n instanceof Error) return n.message;
    event[field] = n;
  }
  const internal = bool(cell(row, cols, "internal"));
  event.public = internal === undefined ? bool(cell(row, cols, "public")) : !internal;
  event.abandoned = bool(cell(row, cols, "abandoned"));
  return Object.fromEntries(Object.entries(event).filter(([, v]) => v !== undefined));
}

interface Group {
  fields: Record<string, unknown>;
  events: Array<Record<string, unknown>>;
  eventOrigin?: Origin;
  eventRows: number;
  conversationOrigin?: Origin;
}

function finish(id: string, g: Group): RawConversation | undefined {
  if (g.eventRows === 0 && !g.conversationOrigin) return undefined; // every row of it was rejected already
  const times = g.events.map((e) => String(e.at)).sort();
  const record = { id, created_at: g.fields.created_at ?? times[0], ...g.fields, events: g.events };
  const origin = g.conversationOrigin ?? g.eventOrigin!;
  const raw: RawConversation = { record, origin, records: g.conversationOrigin ? 1 : g.eventRows };
  if (g.conversationOrigin && g.eventRows > 0) raw.related = [{ ...g.eventOrigin!, records: g.eventRows }];
  return raw;
}

function headerOf(file: SourceFile): string[] {
  const firstLine = file.head.split("\n")[0] ?? "";
  return (parseSync(firstLine, { delimiter: detectDelimiter(file.head), bom: true, relax_quotes: true, relax_column_count: true }) as string[][])[0] ?? [];
}

function hasTimeColumn(header: string[], ctx: ReadContext): boolean {
  const names = header.map(normalise);
  return names.some((h) => SYNONYMS.at!.includes(h)) || (ctx.input.map?.at !== undefined && names.includes(normalise(ctx.input.map.at)));
}

const position = (fileIndex: number, line: number) => fileIndex * 2 ** 32 + line;

/**
 * Where each conversation's last event row is (a first, quick pass over the events files), so
 * the second pass hands a conversation on as soon as it is complete and keeps only the
 * conversations still open in memory: an export sorted by conversation or by time streams.
 * Standard input cannot be read twice: its conversations are all handed on at the end.
 */
async function lastEventRows(files: SourceFile[], isEvents: (file: SourceFile) => boolean, ctx: ReadContext): Promise<Map<string, number> | undefined> {
  if (files.some((f) => !f.replayable)) return undefined;
  const last = new Map<string, number>();
  for (const [fileIndex, file] of files.entries()) {
    if (!isEvents(file)) continue;
    let cols: Columns | undefined;
    for await (const batch of csvRowBatches(file, () => {}, { delimiter: detectDelimiter(file.head) })) {
      for (const row of batch) {
        if (!cols) cols = resolveColumns(file, row.cells, ctx, false);
        else {
          const id = cell(row, cols, "conversation_id");
          if (id !== undefined) last.set(id, position(fileIndex, row.line));
        }
      }
    }
  }
  return last;
}

export const genericCsv: InputFormat = {
  name: "csv",
  description: "CSV (or TSV, or ;-separated), one row per event, optionally with a CSV of conversations; columns mapped with input.map",
  detect({ name, head }) {
    if (/\.(csv|tsv)$/i.test(name)) return true;
    const first = head.split("\n")[0] ?? "";
    return !first.trimStart().startsWith("{") && !first.trimStart().startsWith("[") && /[,;\t]/.test(first) && head.split("\n").length > 1;
  },
  async *read(files, ctx) {
    const groups = new Map<string, Group>();
    const group = (id: string) => {
      let g = groups.get(id);
      if (!g) groups.set(id, (g = { fields: {}, events: [], eventRows: 0 }));
      return g;
    };
    // Conversations files first, so their rows are there when the events complete a conversation.
    const events = new Set(files.filter((f) => hasTimeColumn(headerOf(f), ctx)));
    const ordered = [...files.filter((f) => !events.has(f)), ...events];
    const last = await lastEventRows(ordered, (f) => events.has(f), ctx);
    for (const [fileIndex, file] of ordered.entries()) {
      let cols: Columns | undefined;
      /** Adds a row; returns the conversation id when the row was an event of it. */
      const addRow = (item: Row): string | undefined => {
        const id = cell(item, cols!, "conversation_id");
        if (id === undefined) return void ctx.ledger.reject(file.path, item.line, `${cols!.headers[cols!.index.conversation_id!]}: empty conversation id`);
        const g = group(id);
        const problem = conversationFields(item, cols!, ctx, g.fields);
        if (problem) return void ctx.ledger.reject(file.path, item.line, problem);
        if (cols!.index.at === undefined) {
          // A conversations file: one row per conversation.
          if (g.conversationOrigin) return void ctx.ledger.reject(file.path, item.line, `conversation ${id} appears twice (first at line ${g.conversationOrigin.line})`);
          g.conversationOrigin = { file: file.path, line: item.line };
          return undefined;
        }
        const event = eventOf(item, cols!, ctx);
        if (typeof event === "string") return void ctx.ledger.reject(file.path, item.line, event);
        g.events.push(event);
        g.eventRows++;
        g.eventOrigin ??= { file: file.path, line: item.line };
        return id;
      };
      const onBadRow = (line: number, reason: string) => ctx.ledger.reject(file.path, line, reason);
      for await (const batch of csvRowBatches(file, onBadRow, { delimiter: detectDelimiter(file.head) })) {
        for (const item of batch) {
          if (!cols) {
            cols = resolveColumns(file, item.cells, ctx, !hasTimeColumn(item.cells, ctx));
            continue;
          }
          const id = addRow(item);
          // Its last row read: the conversation is complete and goes on now, not at the end.
          if (id !== undefined && last?.get(id) === position(fileIndex, item.line)) {
            const raw = finish(id, groups.get(id)!);
            groups.delete(id);
            if (raw) yield raw;
          }
        }
      }
    }
    for (const [id, g] of groups) {
      const raw = finish(id, g);
      if (raw) yield raw;
    }
  },

};
