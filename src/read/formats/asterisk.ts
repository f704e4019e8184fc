import { linesOf } from "../lines.js";
import type { InputFormat, ReadContext } from "../format.js";
import type { SourceFile } from "../source.js";
import { csvHeaderOf, csvRows, isoFromEpochSeconds, num, Provenance, type CsvRow } from "./vendor-common.js";

// Asterisk: the queue log (/var/log/asterisk/queue_log, "epoch|callid|queue|agent|event|data…")
// and the CDR of cdr_csv (/var/log/asterisk/cdr-csv/Master.csv, no header row, local times).
// queue_log lines of one callid are one call; a CDR row joins it when its uniqueid is that callid
// (cdr_csv writes uniqueid when loguniqueid=yes). CDR rows no queue_log line names are calls of
// their own (direct dials).

const QUEUE_LOG_LINE = /^\d{9,11}(\.\d+)?\|[^|]*\|[^|]*\|[^|]*\|[A-Z_]+(\||$)/;
const CDR_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const DISPOSITIONS = new Set(["ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION"]);

const firstLine = (head: string) => head.split("\n").find((l) => l.trim() !== "")?.replace(/\r$/, "") ?? "";
const isQueueLog = (name: string, head: string) => QUEUE_LOG_LINE.test(firstLine(head)) || (/^queue_log/i.test(name) && firstLine(head) === "");
function isCdr(head: string): boolean {
  const cells = csvHeaderOf(firstLine(head));
  return cells.length >= 16 && CDR_TIME.test(cells[9] ?? "") && DISPOSITIONS.has(cells[14] ?? "");
}

// Lines about agents and queues, not calls (callid NONE): read, counted, nothing to audit.
const NOT_CALLS = new Set(["QUEUESTART", "CONFIGRELOAD", "ADDMEMBER", "REMOVEMEMBER", "PAUSE", "UNPAUSE", "PAUSEALL", "UNPAUSEALL", "AGENTLOGIN", "AGENTLOGOFF", "AGENTCALLBACKLOGIN", "AGENTCALLBACKLOGOFF", "PENALTY"]);

interface QueueLine {
  at: string;
  queue: string;
  agent: string;
  event: string;
  data: string[];
}

interface Call {
  lines: QueueLine[];
  prov: Provenance;
  cdr: CsvRow[];
}

/** "PJSIP/201-0000002a" -> "PJSIP/201": the channel's device, without the per-call suffix. */
const device = (channel: string | undefined) => (channel ? channel.replace(/-[0-9a-f]{8}$/i, "").replace(/;[12]$/, "") : undefined);
const agentName = (agent: string) => (agent === "NONE" || agent === "" ? undefined : agent);

async function readQueueLog(file: SourceFile, calls: Map<string, Call>, ctx: ReadContext): Promise<void> {
  let notCalls = 0;
  for await (const { line, text } of linesOf(file.stream())) {
    if (text.trim() === "") continue;
    const fields = text.split("|");
    const [epoch, callid, queue, agent, event] = fields;
    const at = isoFromEpochSeconds(epoch);
    if (fields.length < 5 || at === undefined || !/^[A-Z_]+$/.test(event ?? "")) {
      ctx.ledger.reject(file.path, line, "expected epoch|callid|queue|agent|event|data… (an Asterisk queue_log line)");
      continue;
    }
    if (callid === "NONE" || NOT_CALLS.has(event!)) {
      notCalls++;
      ctx.ledger.accept(file.path);
      continue;
    }
    let call = calls.get(callid!);
    if (!call) calls.set(callid!, (call = { lines: [], prov: new Provenance(), cdr: [] }));
    call.lines.push({ at, queue: queue!, agent: agent!, event: event!, data: fields.slice(5) });
    call.prov.add(file.path, line);
  }
  if (notCalls > 0) ctx.ledger.note(file.path, `${notCalls} line${notCalls === 1 ? " is" : "s are"} about agents and queues (ADDMEMBER, PAUSE, QUEUESTART…), not calls: counted, nothing to audit`);
}

function callRecord(callid: string, call: Call): Record<string, unknown> {
  const lines = [...call.lines].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const events: Array<Record<string, unknown>> = [];
  const entered = new Map<string, string>();
  let customer: string | undefined;
  let currentQueue: string | undefined;
  let closedAt: string | undefined;
  let lastWasTransfer = false;
  let exit: string | undefined;
  const queueWait = (l: QueueLine, wait: number | undefined, abandoned: boolean) => {
    const start = entered.get(l.queue) ?? (wait !== undefined ? new Date(Date.parse(l.at) - wait * 1000).toISOString() : l.at);
    events.push({ at: start, type: "queue", queue: l.queue, duration_s: wait, abandoned });
    entered.delete(l.queue);
  };
  for (const l of lines) {
    const d = l.data;
    switch (l.event) {
      case "ENTERQUEUE":
        customer ??= d[1] || undefined;
        if (currentQueue !== undefined && currentQueue !== l.queue && !lastWasTransfer) events.push({ at: l.at, type: "transfer", team: currentQueue, to_team: l.queue });
        entered.set(l.queue, l.at);
        currentQueue = l.queue;
        break;
      case "CONNECT":
        queueWait(l, num(d[0]), false);
        events.push({ at: l.at, type: "answer", role: "agent", agent: agentName(l.agent), team: l.queue });
        break;
      case "COMPLETECALLER":
      case "COMPLETEAGENT":
        closedAt = l.at;
        exit = l.event;
        break;
      case "ABANDON":
        queueWait(l, num(d[2]), true);
        closedAt = l.at;
        exit = l.event;
        break;
      case "EXITWITHTIMEOUT":
      case "EXITEMPTY":
        queueWait(l, num(d[2]), false);
        closedAt = l.at;
        exit = l.event;
        break;
      case "EXITWITHKEY":
        queueWait(l, num(d[3]), false);
        closedAt = l.at;
        exit = l.event;
        break;
      case "TRANSFER":
      case "BLINDTRANSFER":
        events.push({ at: l.at, type: "transfer", agent: agentName(l.agent), team: l.queue, to_agent: d[0] || undefined });
        closedAt = l.at;
        break;
      case "ATTENDEDTRANSFER":
        // method BRIDGE / APP / LINK: the target is a bridge, an application or a channel, not an extension.
        events.push({ at: l.at, type: "transfer", agent: agentName(l.agent), team: l.queue, to_agent: d[0] === "LINK" ? device(d[1]?.split("|")[0]) : undefined });
        closedAt = l.at;
        break;
    }
    lastWasTransfer = l.event.endsWith("TRANSFER");
  }
  const enter = lines.find((l) => l.event === "ENTERQUEUE") ?? lines[0]!;
  const cdr = call.cdr[0]?.cells;
  return {
    id: callid, source: "call", channel: "phone", created_at: enter.at, closed_at: closedAt,
    queue: lines.find((l) => l.queue && l.queue !== "NONE")?.queue, customer: customer ?? cdr?.[1] ?? undefined,
    queue_exit: exit, disposition: cdr?.[14], events,
  };
}

/** A call the queue log does not know: from its CDR rows alone (start, answer, end are local times). */
function cdrRecord(uniqueid: string, rows: CsvRow[]): Record<string, unknown> {
  const first = rows[0]!.cells;
  const events: Array<Record<string, unknown>> = [];
  for (const row of rows) {
    const c = row.cells;
    if (c[14] === "ANSWERED" && c[10]) events.push({ at: c[10], type: "answer", role: "agent", agent: device(c[6]) ?? c[2] });
  }
  const ends = rows.map((r) => r.cells[11]).filter((x): x is string => Boolean(x)).sort();
  return {
    id: uniqueid, source: "call", channel: "phone", created_at: first[9], closed_at: ends.at(-1), customer: first[1] || undefined,
    disposition: first[14], events,
  };
}

export const asterisk: InputFormat = {
  name: "asterisk",
  description: "Asterisk queue_log (epoch|callid|queue|agent|event|data…) and cdr-csv Master.csv (no header row)",
  detect: ({ name, head }) => isQueueLog(name, head) || isCdr(head),
  async *read(files, ctx) {
    const calls = new Map<string, Call>();
    const cdrFiles: SourceFile[] = [];
    for (const file of files) {
      if (isCdr(file.head)) cdrFiles.push(file);
      else await readQueueLog(file, calls, ctx);
    }
    // CDR rows after the whole queue log, so that each finds its call whatever the file order.
    const cdrOnly = new Map<string, { rows: CsvRow[]; prov: Provenance }>();
    for (const file of cdrFiles) {
      let unjoinable = 0;
      for await (const row of csvRows(file, (line, reason) => ctx.ledger.reject(file.path, line, reason))) {
        const c = row.cells;
        if (c.length < 16 || !CDR_TIME.test(c[9] ?? "")) {
          ctx.ledger.reject(file.path, row.line, "expected a cdr_csv row: accountcode,src,dst,dcontext,clid,channel,dstchannel,lastapp,lastdata,start,answer,end,duration,billsec,disposition,amaflags[,uniqueid,userfield]");
          continue;
        }
        const uniqueid = c[16] || undefined;
        const call = uniqueid === undefined ? undefined : calls.get(uniqueid);
        if (call) {
          call.cdr.push(row);
          call.prov.add(file.path, row.line);
          continue;
        }
        if (uniqueid === undefined) unjoinable++;
        const key = uniqueid ?? `${file.name}:${row.line}`;
        let entry = cdrOnly.get(key);
        if (!entry) cdrOnly.set(key, (entry = { rows: [], prov: new Provenance() }));
        entry.rows.push(row);
        entry.prov.add(file.path, row.line);
      }
      if (unjoinable > 0 && calls.size > 0) ctx.ledger.note(file.path, `${unjoinable} CDR row${unjoinable === 1 ? " has" : "s have"} no uniqueid (set loguniqueid=yes in cdr.conf) and could not be joined to queue_log calls: read as calls of their own`);
    }
    for (const [callid, call] of calls) yield call.prov.raw(callRecord(callid, call));
    for (const [id, { rows, prov }] of cdrOnly) yield prov.raw(cdrRecord(id, rows));
  },
};
