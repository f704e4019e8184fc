import { UserError } from "../../errors.js";
import type { InputFormat, RawConversation, ReadContext } from "../format.js";
import type { SourceFile } from "../source.js";
import { metricsOnlyEvents, METRICS_ONLY_NOTE } from "./metrics-only.js";
import {
  Columns, csvHeaderOf, csvRows, headerKey, isObject, fileJsonRecords, msOf, num, plainText, Provenance, sortEvents, str, type CsvRow,
} from "./vendor-common.js";

// Zendesk Support: the CSV export (Admin Center > Account > Tools > Reports, metrics only) and the
// JSON exports (tickets as {"ticket": {...}} per line; API pages of comments, audits,
// ticket_metrics, ticket_metric_events, satisfaction_ratings, users, groups). Files of one export
// are joined on the ticket id.

type Kind = "csv" | "tickets" | "comments" | "audits" | "metrics" | "metric_events" | "ratings" | "users" | "groups";

const CSV_MARKERS = ["groupstations", "assigneestations", "satisfactionscore", "firstreplytimeinminutes"];

function kindOf(name: string, head: string): Kind | undefined {
  const start = head.trimStart();
  if (!start.startsWith("{") && !start.startsWith("[")) {
    const keys = csvHeaderOf(head).map(headerKey);
    // Some exports lead with a "Summation column"; the ID column is there either way.
    return keys.includes("id") && keys.includes("createdat") && CSV_MARKERS.some((m) => keys.includes(m)) ? "csv" : undefined;
  }
  const first = start.slice(0, 2000);
  // JSON export lines ({"ticket": {…}}), or a page of the tickets API or the incremental export.
  if (/^\{\s*"ticket"\s*:\s*\{/.test(first) || (/"tickets"\s*:\s*\[/.test(first) && /"requester_id"/.test(head))) return "tickets";
  if (/^\{\s*"audits?"\s*:/.test(first) || /"audits"\s*:\s*\[/.test(first)) return "audits";
  if (/^\{\s*"ticket_metric_events?"\s*:/.test(first) || /"ticket_metric_events"\s*:\s*\[/.test(first)) return "metric_events";
  if (/^\{\s*"ticket_metrics?"\s*:/.test(first) || /"ticket_metrics"\s*:\s*\[/.test(first)) return "metrics";
  if (/^\{\s*"satisfaction_ratings?"\s*:/.test(first) || /"satisfaction_ratings"\s*:\s*\[/.test(first)) return "ratings";
  if (/^\{\s*"comments"\s*:\s*\[/.test(first) && /"author_id"/.test(first)) return "comments";
  if ((/^\{\s*"users?"\s*:/.test(first)) && /"role"\s*:\s*"(end-user|agent|admin)"/.test(head)) return "users";
  if (/^\{\s*"groups"\s*:\s*\[/.test(first) && /"(is_public|default)"\s*:/.test(head)) return "groups";
  // A bare ticket_metric_events line ({"id":..,"ticket_id":..,"metric":..,"instance_id":..}).
  if (/"ticket_id"/.test(first) && /"metric"\s*:/.test(first) && /"instance_id"/.test(first)) return "metric_events";
  return undefined;
}

const LIST_KEYS: Record<Exclude<Kind, "csv">, { list: string; one: string }> = {
  tickets: { list: "tickets", one: "ticket" },
  comments: { list: "comments", one: "comment" },
  audits: { list: "audits", one: "audit" },
  metrics: { list: "ticket_metrics", one: "ticket_metric" },
  metric_events: { list: "ticket_metric_events", one: "ticket_metric_event" },
  ratings: { list: "satisfaction_ratings", one: "satisfaction_rating" },
  users: { list: "users", one: "user" },
  groups: { list: "groups", one: "group" },
};

// via.channel in JSON ("email", "web", "native_messaging", …) and the CSV's Via labels ("Mail",
// "Web Form", "Phone call (incoming)", "Facebook Post", …).
const CHANNEL_OF_VIA: Record<string, string> = {
  email: "email", mail: "email", web: "web", web_form: "web", "web form": "web", web_widget: "web", "web widget": "web", help_center: "web",
  chat: "chat", native_messaging: "chat", messaging: "chat", mobile_sdk: "chat", "mobile sdk": "chat",
  voice: "phone", phone: "phone", voicemail: "phone", sms: "sms", "text": "sms",
};
function channelOfVia(via: string | undefined): string | undefined {
  if (via === undefined) return undefined;
  const v = via.toLowerCase();
  if (CHANNEL_OF_VIA[v]) return CHANNEL_OF_VIA[v];
  if (/^(twitter|facebook|instagram|whatsapp|line|wechat|x corp|x_corp)/.test(v)) return "social";
  if (/^phone call|^voice/.test(v)) return "phone";
  return "other";
}

const STATUS_OF: Record<string, string> = { new: "new", open: "open", pending: "pending", hold: "pending", solved: "solved", closed: "closed" };

interface Ticket {
  id: string;
  json?: Record<string, unknown>;
  csv?: { row: CsvRow; cols: Columns; file: string };
  prov: Provenance;
  comments: Map<string, { comment: Record<string, unknown>; at: string }>;
  changes: Array<{ at: string; author?: string; field: string; value: unknown; previous: unknown }>;
  metrics?: Record<string, unknown>;
  breaches: Array<{ metric: string; at: string }>;
  ratings: Array<Record<string, unknown>>;
}

interface Collected {
  tickets: Map<string, Ticket>;
  users: Map<string, { name?: string; role?: string }>;
  groups: Map<string, string>;
  /** Records that name a ticket, kept until every tickets file has been read. */
  pending: Array<{ file: string; line: number; ticketId: string; apply: (t: Ticket) => void }>;
}

function ticketOf(c: Collected, id: string): Ticket {
  let t = c.tickets.get(id);
  if (!t) c.tickets.set(id, (t = { id, prov: new Provenance(), comments: new Map(), changes: [], breaches: [], ratings: [] }));
  return t;
}

const unwrap = (value: unknown, one: string): unknown => (isObject(value) && isObject(value[one]) && Object.keys(value).length === 1 ? value[one] : value);

/** The ticket a comments file belongs to: the comments API is per ticket (/tickets/{id}/comments), so its id is in the name. */
function ticketIdFromPath(path: string): string | undefined {
  const parts = path.split(/[\\/]/);
  const base = parts.at(-1) ?? "";
  return /(\d+)/.exec(base)?.[1] ?? [...parts.slice(0, -1)].reverse().find((p) => /^\d+$/.test(p));
}

async function collectJson(file: SourceFile, kind: Exclude<Kind, "csv">, c: Collected, ctx: ReadContext): Promise<void> {
  const { list, one } = LIST_KEYS[kind];
  const reject = (line: number, reason: string) => ctx.ledger.reject(file.path, line, reason);
  const later = (line: number, ticketId: unknown, apply: (t: Ticket) => void) => {
    const id = str(ticketId);
    if (id === undefined) return reject(line, `${one}: no ticket_id`);
    c.pending.push({ file: file.path, line, ticketId: id, apply });
  };
  const commentsTicket = kind === "comments" ? ticketIdFromPath(file.path) : undefined;
  for await (const rec of fileJsonRecords(file, [list])) {
    if (rec.error) {
      reject(rec.line, rec.error);
      continue;
    }
    const v = unwrap(rec.value, one);
    if (!isObject(v)) {
      reject(rec.line, `expected a ${one} object`);
      continue;
    }
    switch (kind) {
      case "tickets": {
        const id = str(v.id);
        if (id === undefined) reject(rec.line, "ticket: no id");
        else if (typeof v.created_at !== "string") reject(rec.line, `ticket ${id}: created_at missing`);
        else {
          const t = ticketOf(c, id);
          if (t.json) reject(rec.line, `ticket ${id} appears twice (first at ${t.prov.origin?.file}:${t.prov.origin?.line})`);
          else {
            t.json = v;
            t.prov.add(file.path, rec.line);
          }
        }
        break;
      }
      case "comments": {
        if (commentsTicket === undefined) {
          throw new UserError(`${file.path}: a Zendesk comments page does not say which ticket it belongs to, and the file name holds no ticket id`, "name each comments file by its ticket, as the API path does: tickets/4343/comments.json or 4343-comments.json");
        }
        if (typeof v.created_at !== "string") reject(rec.line, "comment: created_at missing");
        else later(rec.line, commentsTicket, (t) => addComment(t, v, v.created_at as string));
        break;
      }
      case "audits": {
        if (typeof v.created_at !== "string" || !Array.isArray(v.events)) {
          reject(rec.line, "audit: expected created_at and an events list");
          break;
        }
        const at = v.created_at;
        const author = str(v.author_id);
        later(rec.line, v.ticket_id, (t) => {
          for (const e of v.events as unknown[]) {
            if (!isObject(e)) continue;
            if (e.type === "Comment") addComment(t, { ...e, author_id: e.author_id ?? author }, at);
            // Create events set the first values (the initial assignment); Change events change them.
            else if ((e.type === "Change" || e.type === "Create") && typeof e.field_name === "string") t.changes.push({ at, author, field: e.field_name, value: e.value, previous: e.previous_value });
          }
        });
        break;
      }
      case "metrics":
        later(rec.line, v.ticket_id, (t) => (t.metrics = v));
        break;
      case "metric_events":
        if (typeof v.time !== "string") reject(rec.line, "ticket_metric_event: time missing");
        else later(rec.line, v.ticket_id, (t) => {
          if (v.type === "breach" && v.deleted !== true) t.breaches.push({ metric: String(v.metric), at: v.time as string });
        });
        break;
      case "ratings":
        if (typeof v.created_at !== "string") reject(rec.line, "satisfaction_rating: created_at missing");
        else later(rec.line, v.ticket_id, (t) => t.ratings.push(v));
        break;
      case "users": {
        const id = str(v.id);
        if (id === undefined) reject(rec.line, "user: no id");
        else {
          c.users.set(id, { name: str(v.name), role: str(v.role) });
          ctx.ledger.accept(file.path);
        }
        break;
      }
      case "groups": {
        const id = str(v.id);
        if (id === undefined) reject(rec.line, "group: no id");
        else {
          c.groups.set(id, str(v.name) ?? id);
          ctx.ledger.accept(file.path);
        }
        break;
      }
    }
  }
}

/** Comments come from comment pages and again inside audits: one per comment id. */
function addComment(t: Ticket, comment: Record<string, unknown>, at: string): void {
  const key = str(comment.id) ?? `${at}#${t.comments.size}`;
  if (!t.comments.has(key)) t.comments.set(key, { comment, at: typeof comment.created_at === "string" ? comment.created_at : at });
}

async function collectCsv(file: SourceFile, c: Collected, ctx: ReadContext): Promise<void> {
  let cols: Columns | undefined;
  for await (const row of csvRows(file, (line, reason) => ctx.ledger.reject(file.path, line, reason))) {
    if (!cols) {
      cols = new Columns(row.cells);
      continue;
    }
    const id = cols.get(row, "ID");
    if (id === undefined) {
      ctx.ledger.reject(file.path, row.line, "ID: empty ticket id");
      continue;
    }
    if (cols.get(row, "Created at") === undefined) {
      ctx.ledger.reject(file.path, row.line, `ticket ${id}: Created at is empty`);
      continue;
    }
    const t = ticketOf(c, id);
    if (t.csv) {
      ctx.ledger.reject(file.path, row.line, `ticket ${id} appears twice (first at line ${t.csv.row.line})`);
      continue;
    }
    t.csv = { row, cols, file: file.path };
    t.prov.add(file.path, row.line);
  }
}

// Columns of the CSV export that are not custom fields.
const STANDARD_COLUMNS = new Set([
  "Summation column", "ID", "Requester", "Requester ID", "Requester external id", "Requester email", "Requester domain", "Submitter", "Assignee", "Group", "Subject",
  "Tags", "Status", "Priority", "Via", "Ticket type", "Created at", "Updated at", "Assigned at", "Organization", "Due date", "Initially assigned at",
  "Solved at", "Resolution time", "Satisfaction Score", "Group stations", "Assignee stations", "Reopens", "Replies",
  "First reply time in minutes", "First reply time in minutes within business hours", "First resolution time in minutes",
  "First resolution time in minutes within business hours", "Full resolution time in minutes", "Full resolution time in minutes within business hours",
  "Agent wait time in minutes", "Agent wait time in minutes within business hours", "Requester wait time in minutes",
  "Requester wait time in minutes within business hours", "On hold time in minutes", "On hold time in minutes within business hours",
].map(headerKey));

function fromCsv(t: Ticket): Record<string, unknown> {
  const { row, cols } = t.csv!;
  const get = (...names: string[]) => cols.get(row, ...names);
  const created = get("Created at")!;
  const status = get("Status")?.toLowerCase();
  const solvedAt = get("Solved at");
  const customFields: Record<string, string> = {};
  cols.headers.forEach((h, i) => {
    if (STANDARD_COLUMNS.has(headerKey(h))) return;
    const value = row.cells[i]?.trim();
    if (value) customFields[h.replace(/\s*\[[a-z]+\]\s*$/i, "")] = value;
  });
  const via = get("Via")?.toLowerCase();
  const stations = Math.max(num(get("Group stations")) ?? 1, num(get("Assignee stations")) ?? 1);
  return {
    id: t.id, source: "ticket", channel: channelOfVia(via), created_at: created,
    closed_at: status === "solved" || status === "closed" ? solvedAt : undefined,
    priority: get("Priority")?.toLowerCase(), queue: get("Group"), customer: get("Requester ID", "Requester"),
    tags: get("Tags")?.split(/[\s,]+/).filter(Boolean), subject: get("Subject"), ticket_type: get("Ticket type"),
    rating: get("Satisfaction Score")?.toLowerCase(),
    metrics: Object.fromEntries(Object.entries({
      first_reply_minutes: num(get("First reply time in minutes")), first_reply_business_minutes: num(get("First reply time in minutes within business hours")),
      full_resolution_minutes: num(get("Full resolution time in minutes")), replies: num(get("Replies")), reopens: num(get("Reopens")),
      group_stations: num(get("Group stations")), assignee_stations: num(get("Assignee stations")),
    }).filter(([, v]) => v !== undefined)),
    custom_fields: Object.keys(customFields).length ? customFields : undefined,
    events: metricsOnlyEvents({
      created, firstReplyMinutes: num(get("First reply time in minutes")), transfers: stations - 1, transfersAt: get("Assigned at") ?? get("Updated at") ?? created,
      assignee: get("Assignee"), group: get("Group"), solvedAt: status === "solved" || status === "closed" ? solvedAt : undefined, status: STATUS_OF[status ?? ""],
    }),
  };
}

function fromJson(t: Ticket, c: Collected, ctx: ReadContext, file: string): Record<string, unknown> {
  const j = t.json!;
  const userName = (id: unknown) => {
    const key = str(id);
    return key === undefined ? undefined : c.users.get(key)?.name ?? key;
  };
  const groupName = (id: unknown) => {
    const key = str(id);
    return key === undefined ? undefined : c.groups.get(key) ?? key;
  };
  const requester = str(j.requester_id);
  const isCustomer = (authorId: string | undefined) => {
    const role = authorId === undefined ? undefined : c.users.get(authorId)?.role;
    if (role !== undefined) return role === "end-user";
    return authorId !== undefined && authorId === requester;
  };
  const via = isObject(j.via) ? str(j.via.channel) : undefined;
  const events: Array<Record<string, unknown>> = [];
  // The group an agent's comment was written for: the ticket's group as the audits last set it.
  const groupChanges = t.changes.filter((ch) => ch.field === "group_id");
  const groupAt = (at: string) => {
    let g = groupChanges.length === 0 ? j.group_id : groupChanges[0]!.previous ?? groupChanges[0]!.value;
    for (const ch of groupChanges) if ((msOf(ch.at) ?? 0) <= (msOf(at) ?? 0)) g = ch.value;
    return groupName(g);
  };
  for (const { comment, at } of t.comments.values()) {
    const author = str(comment.author_id);
    const customer = isCustomer(author);
    const text = typeof comment.plain_body === "string" ? comment.plain_body : typeof comment.body === "string" ? comment.body : typeof comment.html_body === "string" ? plainText(comment.html_body) : undefined;
    const isPublic = comment.public !== false;
    events.push(customer
      ? { at, type: "message", role: "customer", text, public: isPublic }
      : { at, type: isPublic ? "message" : "note", role: "agent", agent: userName(author), team: groupAt(at), text, public: isPublic ? undefined : false });
  }
  // Audits: a move to another assignee or group than the last one set is a transfer (the first
  // assignment is not; unassigning and assigning someone else later is one).
  const byAudit = new Map<string, typeof t.changes>();
  for (const ch of [...t.changes].sort((a, b) => (msOf(a.at) ?? 0) - (msOf(b.at) ?? 0))) byAudit.set(ch.at, [...(byAudit.get(ch.at) ?? []), ch]);
  let lastAssignee: string | undefined;
  let lastGroup: string | undefined;
  let lastStatus: string | undefined;
  for (const [at, changes] of byAudit) {
    const assignee = str(changes.find((ch) => ch.field === "assignee_id")?.value);
    const group = str(changes.find((ch) => ch.field === "group_id")?.value);
    const newAssignee = assignee !== undefined && lastAssignee !== undefined && assignee !== lastAssignee;
    const newGroup = group !== undefined && lastGroup !== undefined && group !== lastGroup;
    if (newAssignee || newGroup) {
      events.push({
        at, type: "transfer", role: "agent", agent: userName(lastAssignee), team: newGroup ? groupName(lastGroup) : undefined,
        to_agent: newAssignee ? userName(assignee) : undefined, to_team: newGroup ? groupName(group) : undefined,
      });
    }
    lastAssignee = assignee ?? lastAssignee;
    lastGroup = group ?? lastGroup;
    const status = changes.find((ch) => ch.field === "status");
    if (status && typeof status.value === "string") {
      const to = STATUS_OF[status.value];
      const reopened = to === "open" && (lastStatus === "solved" || status.previous === "solved");
      if (to && to !== lastStatus) events.push({ at, type: "status", status: reopened ? "reopened" : to, agent: userName(changes[0]?.author) });
      lastStatus = to;
    }
  }
  for (const r of t.ratings) {
    const score = r.score === "good" ? 1 : r.score === "bad" ? 0 : undefined;
    if (score === undefined) continue; // offered / unoffered: no answer given
    events.push({ at: r.created_at, type: "feedback", role: "customer", score, scale: 2, comment: str(r.comment), reason: str(r.reason) });
  }
  const m = t.metrics;
  const hasMessages = t.comments.size > 0;
  if (!hasMessages) {
    // Without comments only the ticket's own fields and metrics speak for it.
    const submitterIsCustomer = isCustomer(str(j.submitter_id) ?? requester);
    const reply = isObject(m?.reply_time_in_minutes) ? num(m.reply_time_in_minutes.calendar) : undefined;
    const stations = Math.max(num(m?.group_stations) ?? 1, num(m?.assignee_stations) ?? 1);
    const metricEvents = metricsOnlyEvents({
      created: j.created_at as string, firstReplyMinutes: reply, transfers: t.changes.length ? 0 : stations - 1,
      transfersAt: str(m?.assigned_at) ?? str(m?.updated_at) ?? (j.created_at as string),
      assignee: userName(j.assignee_id), group: groupName(j.group_id), solvedAt: str(m?.solved_at), status: t.changes.length ? undefined : STATUS_OF[String(j.status)],
      description: str(j.description), descriptionByCustomer: submitterIsCustomer,
    });
    events.push(...metricEvents);
    ctx.ledger.note(file, METRICS_ONLY_NOTE("Zendesk tickets without their comments (give the comments or audits export too)"));
  }
  const status = str(j.status);
  return {
    id: t.id, source: "ticket", channel: channelOfVia(via), created_at: j.created_at,
    closed_at: str(m?.solved_at) ?? (status === "solved" || status === "closed" ? [...events].reverse().find((e) => e.type === "status" && (e.status === "solved" || e.status === "closed"))?.at : undefined),
    priority: str(j.priority), queue: groupName(j.group_id), customer: requester, tags: Array.isArray(j.tags) ? j.tags.filter((x) => typeof x === "string") : undefined,
    subject: str(j.subject), ticket_type: str(j.type),
    sla_breaches: t.breaches.length ? t.breaches : undefined,
    rating: !hasMessages && isObject(j.satisfaction_rating) ? str(j.satisfaction_rating.score) : undefined,
    metrics: m ? {
      replies: num(m.replies), reopens: num(m.reopens), group_stations: num(m.group_stations), assignee_stations: num(m.assignee_stations),
      first_reply_minutes: isObject(m.reply_time_in_minutes) ? num(m.reply_time_in_minutes.calendar) : undefined,
    } : undefined,
    events: sortEvents(events),
  };
}

export const zendesk: InputFormat = {
  name: "zendesk",
  description: "Zendesk CSV export (ID, Requester, …, Group stations, First reply time in minutes) or JSON exports (tickets, comments, audits, ticket_metrics, ticket_metric_events, satisfaction_ratings, users, groups)",
  detect: ({ name, head }) => kindOf(name, head) !== undefined,
  async *read(files, ctx) {
    const c: Collected = { tickets: new Map(), users: new Map(), groups: new Map(), pending: [] };
    for (const file of files) {
      const kind = kindOf(file.name, file.head);
      if (kind === undefined) throw new UserError(`${file.path}: not a Zendesk export (expected the CSV report export or a JSON export of tickets, comments, audits, ticket_metrics, ticket_metric_events or satisfaction_ratings)`);
      if (kind === "csv") await collectCsv(file, c, ctx);
      else await collectJson(file, kind, c, ctx);
    }
    for (const p of c.pending) {
      const t = c.tickets.get(p.ticketId);
      if (!t) {
        ctx.ledger.reject(p.file, p.line, `ticket ${p.ticketId} is not in the tickets given (give the tickets export with its comments, audits and ratings)`);
        continue;
      }
      p.apply(t);
      t.prov.add(p.file, p.line);
    }
    for (const t of c.tickets.values()) {
      if (!t.json && !t.csv) continue;
      const record = t.json ? fromJson(t, c, ctx, t.prov.origin!.file) : fromCsv(t);
      if (!t.json) ctx.ledger.note(t.csv!.file, METRICS_ONLY_NOTE("the Zendesk CSV export has no comments (add the JSON export with comments or audits)"));
      yield t.prov.raw(record) satisfies RawConversation;
    }
  },
};
