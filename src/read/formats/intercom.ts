import type { InputFormat, ReadContext } from "../format.js";
import type { SourceFile } from "../source.js";
import { metricsOnlyEvents, METRICS_ONLY_NOTE } from "./metrics-only.js";
import { fileJsonRecords, isObject, isoFromEpochSeconds, num, plainText, Provenance, str } from "./vendor-common.js";

// Intercom conversations as the REST API returns them: one conversation per line, an array, or
// a {"type": "conversation.list", "conversations": [...]} page. Times are Unix seconds. A
// conversation fetched one by one has its conversation_parts; a list page has only the opening
// message and the statistics, which are then used as a metrics-only export.

function looksLikeIntercom(head: string): boolean {
  const first = head.trimStart().slice(0, 4000);
  if (!first.startsWith("{") && !first.startsWith("[")) return false;
  return /"type"\s*:\s*"conversation(\.list)?"/.test(first) && (/"conversation_parts"/.test(head) || /"source"\s*:\s*\{/.test(head) || /"statistics"/.test(head));
}

const ROLE_OF_AUTHOR: Record<string, string> = { admin: "agent", teammate: "agent", user: "customer", lead: "customer", contact: "customer", bot: "bot", team: "agent" };

const CHANNEL_OF_SOURCE: Record<string, string> = {
  conversation: "chat", email: "email", facebook: "social", twitter: "social", instagram: "social", whatsapp: "social", phone_call: "phone",
  sms: "sms", push: "chat", chat: "chat",
};

/** Who an author is: a name for people on the team, the contact id for customers. */
function authorOf(author: unknown): { role?: string; id?: string; name?: string } {
  if (!isObject(author)) return {};
  return { role: ROLE_OF_AUTHOR[String(author.type)], id: str(author.id), name: str(author.name) };
}

interface Names {
  admins: Map<string, string>;
}

function toRecord(conv: Record<string, unknown>, names: Names, ctx: ReadContext, file: SourceFile): Record<string, unknown> | string {
  const id = str(conv.id);
  if (id === undefined) return "conversation: no id";
  const created = isoFromEpochSeconds(conv.created_at);
  if (created === undefined) return `conversation ${id}: created_at is not a Unix time`;
  const admin = (adminId: string | undefined) => (adminId === undefined ? undefined : names.admins.get(adminId) ?? adminId);
  const source = isObject(conv.source) ? conv.source : {};
  const opener = authorOf(source.author);
  const events: Array<Record<string, unknown>> = [];
  const body = typeof source.body === "string" ? plainText(source.body) : undefined;
  if (opener.role) events.push({ at: created, type: "message", role: opener.role, agent: opener.role === "agent" ? opener.name ?? opener.id : undefined, text: body });

  const partsHolder = conv.conversation_parts;
  const parts = Array.isArray(partsHolder) ? partsHolder : isObject(partsHolder) && Array.isArray(partsHolder.conversation_parts) ? partsHolder.conversation_parts : undefined;
  // Who holds the conversation: the first assignment routes it, later ones pass it on.
  let owner: { agent?: string; team?: string } | undefined;
  let closed = false;
  let closedAt: string | undefined;
  for (const part of parts ?? []) {
    if (!isObject(part)) continue;
    const at = isoFromEpochSeconds(part.created_at);
    if (at === undefined) continue;
    const who = authorOf(part.author);
    const name = who.role === "agent" ? who.name ?? who.id : undefined;
    const text = typeof part.body === "string" && part.body !== "" ? plainText(part.body) : undefined;
    switch (part.part_type) {
      case "comment":
        if (who.role) events.push({ at, type: "message", role: who.role, agent: name, text });
        break;
      case "note":
        events.push({ at, type: "note", role: "agent", agent: name, text });
        break;
      case "assignment":
      case "default_assignment":
      case "assign_and_reopen": {
        const to = isObject(part.assigned_to) ? part.assigned_to : undefined;
        const target: { agent?: string; team?: string } | undefined =
          to?.type === "team" ? { team: `team ${str(to.id)}` } : to && str(to.id) && to.type !== "nobody_admin" ? { agent: admin(str(to.id)) } : undefined;
        if (target && owner) {
          // A teammate taking a conversation from their team's inbox picks it up; anything else moves it on.
          const pickup = owner.agent === undefined && target.agent !== undefined;
          const moved = target.agent !== undefined ? target.agent !== owner.agent : target.team !== owner.team;
          if (moved && !pickup) events.push({ at, type: "transfer", agent: owner.agent ?? name, team: owner.team, to_agent: target.agent, to_team: target.team });
          owner = pickup ? { agent: target.agent, team: owner.team } : target;
        } else if (target) owner = target;
        // An assignment may carry a reply written with it.
        if (text && who.role) events.push({ at, type: "message", role: who.role, agent: name, text });
        if (part.part_type === "assign_and_reopen" && closed) events.push({ at, type: "status", status: "reopened", agent: name });
        break;
      }
      case "close":
        events.push({ at, type: "status", status: "closed", agent: name });
        if (text && who.role) events.push({ at, type: "message", role: who.role, agent: name, text });
        closed = true;
        closedAt = at;
        break;
      case "open":
        if (closed) events.push({ at, type: "status", status: "reopened", agent: name });
        closed = false;
        closedAt = undefined;
        break;
      case "snoozed":
        events.push({ at, type: "status", status: "pending", agent: name });
        break;
    }
  }

  const stats = isObject(conv.statistics) ? conv.statistics : undefined;
  if (parts === undefined) {
    // A list page: the opening message, then the statistics' first admin reply.
    const firstReply = isoFromEpochSeconds(stats?.first_admin_reply_at);
    events.length = 0;
    events.push(...metricsOnlyEvents({
      created, firstReplyAt: firstReply, transfers: Math.max(0, (num(stats?.count_assignments) ?? 1) - 1), transfersAt: isoFromEpochSeconds(conv.updated_at) ?? created,
      description: body, descriptionByCustomer: opener.role !== "agent",
    }));
    ctx.ledger.note(file.path, METRICS_ONLY_NOTE("Intercom conversations without their conversation_parts (fetch each conversation to get them)", "statistics.first_admin_reply_at as the first reply, count_assignments − 1 as transfers (their times not exported)"));
  }

  const rating = isObject(conv.conversation_rating) ? conv.conversation_rating : undefined;
  if (rating && num(rating.rating) !== undefined && parts !== undefined) {
    events.push({ at: isoFromEpochSeconds(rating.created_at) ?? closedAt ?? created, type: "feedback", role: "customer", score: num(rating.rating), scale: 5, comment: str(rating.remark) });
  }
  const contacts = isObject(conv.contacts) && Array.isArray(conv.contacts.contacts) ? conv.contacts.contacts : [];
  const tags = isObject(conv.tags) && Array.isArray(conv.tags.tags) ? conv.tags.tags.map((t) => (isObject(t) ? str(t.name) : undefined)).filter((t): t is string => t !== undefined) : [];
  return {
    id, source: "ticket", channel: CHANNEL_OF_SOURCE[String(source.type)] ?? "other", created_at: created,
    closed_at: conv.state === "closed" || conv.open === false ? closedAt ?? isoFromEpochSeconds(stats?.last_close_at) : undefined,
    priority: conv.priority === "priority" ? "high" : undefined,
    customer: opener.role === "customer" ? opener.id : isObject(contacts[0]) ? str(contacts[0].id) : undefined,
    tags, subject: str(conv.title) ?? (typeof source.subject === "string" && source.subject !== "" ? plainText(source.subject) : undefined),
    statistics: stats, rating: parts === undefined && rating ? { rating: num(rating.rating), remark: str(rating.remark) } : undefined,
    events,
  };
}

export const intercom: InputFormat = {
  name: "intercom",
  description: "Intercom conversations JSON (conversation objects with conversation_parts, conversation_rating, statistics; times in Unix seconds)",
  detect: ({ head }) => looksLikeIntercom(head),
  async *read(files, ctx) {
    const loaded: Array<{ file: SourceFile; line: number; value: Record<string, unknown> }> = [];
    const names: Names = { admins: new Map() };
    for (const file of files) {
      for await (const rec of fileJsonRecords(file, ["conversations", "data"])) {
        if (rec.error) ctx.ledger.reject(file.path, rec.line, rec.error);
        else if (!isObject(rec.value)) ctx.ledger.reject(file.path, rec.line, "expected a conversation object");
        else loaded.push({ file, line: rec.line, value: rec.value });
      }
    }
    // Assignments name the admin by id only; authors elsewhere in the export give their names.
    for (const { value } of loaded) {
      const holder = value.conversation_parts;
      const parts = isObject(holder) && Array.isArray(holder.conversation_parts) ? holder.conversation_parts : Array.isArray(holder) ? holder : [];
      for (const p of [value.source, ...parts]) {
        const a = isObject(p) && isObject(p.author) ? p.author : undefined;
        if (a && a.type === "admin" && str(a.id) && str(a.name)) names.admins.set(str(a.id)!, str(a.name)!);
      }
    }
    for (const { file, line, value } of loaded) {
      const record = toRecord(value, names, ctx, file);
      if (typeof record === "string") {
        ctx.ledger.reject(file.path, line, record);
        continue;
      }
      yield new Provenance().add(file.path, line).raw(record);
    }
  },
};
