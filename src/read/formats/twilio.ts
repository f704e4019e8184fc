import { DateTime } from "luxon";
import type { InputFormat, ReadContext } from "../format.js";
import type { SourceFile } from "../source.js";
import { csvHeaderOf, csvRows, fileJsonRecords, headerKey, isObject, isoFromMs, num, Provenance, str } from "./vendor-common.js";

// Twilio Programmable Voice call records: the Calls API as JSON ({"calls": [...]} pages, an array
// or one call per line) or as CSV (Calls.csv: Sid, DateCreated, ParentCallSid, …, StartTime,
// EndTime, Duration, Direction). A call is its parent leg; child legs (parent_call_sid) are the
// <Dial>s it made: the first one answered is the pickup, each later answered leg a transfer or
// forward. Dates are RFC 2822 ("Tue, 08 Oct 2024 06:05:21 +0000").

const isTwilioJson = (head: string) => /"sid"\s*:\s*"CA[0-9a-f]/.test(head) && /"parent_call_sid"\s*:/.test(head);
function isTwilioCsv(head: string): boolean {
  const keys = csvHeaderOf(head).map(headerKey);
  return keys.includes("sid") && keys.includes("parentcallsid") && (keys.includes("starttime") || keys.includes("datecreated"));
}

type Call = Map<string, string>;

/** A call with its keys reduced to letters and digits, so JSON (parent_call_sid) and CSV (ParentCallSid) read alike. */
function callOf(fields: Iterable<[string, unknown]>): Call {
  const call: Call = new Map();
  for (const [k, v] of fields) {
    const s = str(v);
    if (s !== undefined) call.set(headerKey(k), s);
  }
  return call;
}

/** RFC 2822 as the API writes it; ISO or "YYYY-MM-DD HH:MM:SS" (UTC) as some exports do. */
function timeOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let t = DateTime.fromRFC2822(value, { setZone: true });
  if (!t.isValid) t = DateTime.fromISO(value, { zone: "UTC", setZone: true });
  if (!t.isValid) t = DateTime.fromSQL(value, { zone: "UTC" });
  return t.isValid ? isoFromMs(t.toMillis()) : undefined;
}

/** "client:alice" -> "alice", "sip:bob@acme.sip.twilio.com" -> "bob"; phone numbers as they are. */
function party(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  const client = /^client:(.+)$/.exec(address);
  if (client) return client[1];
  const sip = /^sips?:([^@;]+)@/.exec(address);
  return sip ? sip[1] : address;
}

const CONNECTED = new Set(["completed", "in-progress"]);

interface Leg {
  call: Call;
  start: string;
  file: string;
  line: number;
}

async function collect(files: SourceFile[], ctx: ReadContext): Promise<Leg[]> {
  const legs: Leg[] = [];
  const take = (file: SourceFile, line: number, call: Call) => {
    const sid = call.get("sid");
    if (sid === undefined) return ctx.ledger.reject(file.path, line, "call: no sid");
    const start = timeOf(call.get("starttime")) ?? timeOf(call.get("datecreated"));
    if (start === undefined) return ctx.ledger.reject(file.path, line, `call ${sid}: start_time "${call.get("starttime") ?? ""}" is not an RFC 2822 date`);
    legs.push({ call, start, file: file.path, line });
  };
  for (const file of files) {
    if (isTwilioCsv(file.head)) {
      let header: string[] | undefined;
      for await (const row of csvRows(file, (line, reason) => ctx.ledger.reject(file.path, line, reason))) {
        if (!header) header = row.cells;
        else take(file, row.line, callOf(header.map((h, i) => [h, row.cells[i]] as [string, unknown])));
      }
      continue;
    }
    for await (const rec of fileJsonRecords(file, ["calls"])) {
      if (rec.error || !isObject(rec.value)) ctx.ledger.reject(file.path, rec.line, rec.error ?? "expected a call object");
      else take(file, rec.line, callOf(Object.entries(rec.value)));
    }
  }
  return legs;
}

export const twilio: InputFormat = {
  name: "twilio",
  description: "Twilio call records (Calls API JSON or Calls.csv; child legs by parent_call_sid; RFC 2822 dates)",
  detect: ({ head }) => isTwilioJson(head) || isTwilioCsv(head),
  async *read(files, ctx) {
    const legs = await collect(files, ctx);
    const bySid = new Map(legs.map((l) => [l.call.get("sid")!, l]));
    const rootOf = (leg: Leg): Leg | undefined => {
      let at: Leg | undefined = leg;
      for (let hops = 0; at && at.call.get("parentcallsid") && hops < 20; hops++) at = bySid.get(at.call.get("parentcallsid")!);
      return at;
    };
    const children = new Map<string, Leg[]>();
    for (const leg of legs) {
      if (!leg.call.get("parentcallsid")) continue;
      const root = rootOf(leg);
      if (!root) {
        ctx.ledger.reject(leg.file, leg.line, `child call ${leg.call.get("sid")}: its parent call ${leg.call.get("parentcallsid")} is not in the records given (export the parent leg too)`);
        continue;
      }
      const sid = root.call.get("sid")!;
      children.set(sid, [...(children.get(sid) ?? []), leg]);
    }
    for (const root of legs) {
      if (root.call.get("parentcallsid")) continue;
      const c = root.call;
      const prov = new Provenance().add(root.file, root.line);
      const events: Array<Record<string, unknown>> = [];
      let holder: string | undefined;
      const legsOf = (children.get(c.get("sid")!) ?? []).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
      for (const leg of legsOf) {
        prov.add(leg.file, leg.line);
        // Legs nobody picked up (no-answer, busy, failed, canceled) rang elsewhere: no handoff.
        if (!CONNECTED.has(leg.call.get("status") ?? "") || (num(leg.call.get("duration")) ?? 1) === 0) continue;
        const to = party(leg.call.get("to"));
        if (holder === undefined) events.push({ at: leg.start, type: "answer", role: "agent", agent: to });
        else events.push({ at: leg.start, type: "transfer", agent: holder, to_agent: to });
        holder = to;
      }
      const inbound = (c.get("direction") ?? "inbound") === "inbound";
      yield prov.raw({
        id: c.get("sid"), source: "call", channel: "phone", created_at: root.start, closed_at: timeOf(c.get("endtime")),
        customer: inbound ? c.get("from") : c.get("to"), direction: c.get("direction"), status: c.get("status"),
        duration_s: num(c.get("duration")), forwarded_from: c.get("forwardedfrom"), events,
      });
    }
  },
};
