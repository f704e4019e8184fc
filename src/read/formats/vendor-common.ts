import { csvRows as rows } from "../csv-rows.js";
import { DateTime } from "luxon";
import type { Origin } from "../../model.js";
import { linesOf } from "../lines.js";
import type { RawConversation } from "../format.js";
import type { SourceFile } from "../source.js";

// Helpers shared by the vendor readers: JSON in every shape exports come in (one document, an
// array, JSON Lines, objects written back to back), CSV rows with line numbers, times, and the
// bookkeeping that ties a conversation to every record it was made of.

export async function readText(file: SourceFile): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of file.stream()) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  const text = Buffer.concat(chunks).toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export interface JsonRecord {
  line: number;
  value?: unknown;
  /** Why the record could not be parsed. */
  error?: string;
}

interface Span {
  start: number;
  end: number;
  line: number;
}

const isSpace = (ch: string) => ch === " " || ch === "\n" || ch === "\r" || ch === "\t" || ch === ",";

/**
 * Spans of the values that follow one another from `from` (top level of a file, or the inside of
 * an array when `inArray`), each with the line it starts on. An unclosed value ends the list.
 */
function spans(text: string, from: number, line: number, inArray: boolean): { spans: Span[]; truncatedAt?: number } {
  const found: Span[] = [];
  let i = from;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "\n") line++;
    if (isSpace(ch)) {
      i++;
      continue;
    }
    if (inArray && ch === "]") break;
    const start = i;
    const startLine = line;
    let depth = 0;
    let inString = false;
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (depth === 0 && i > start && (c === "," || c === "\n" || (inArray && c === "]"))) break;
      if (c === "\n") line++;
      if (inString) {
        if (c === "\\") i++;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === "{" || c === "[") depth++;
      else if (c === "}" || c === "]") {
        depth--;
        if (depth === 0) {
          i++;
          break;
        }
        if (depth < 0) break;
      }
    }
    if (depth > 0 || inString) return { spans: found, truncatedAt: startLine };
    found.push({ start, end: i, line: startLine });
  }
  return { spans: found };
}

function parseSpan(text: string, span: Span): JsonRecord {
  try {
    return { line: span.line, value: JSON.parse(text.slice(span.start, span.end)) };
  } catch (e) {
    return { line: span.line, error: `not valid JSON (${(e as Error).message})` };
  }
}

/** Where the array under `key` starts (the "[") in a one-object document, and its line. */
function arrayUnderKey(text: string, start: number, key: string): { at: number; line: number } | undefined {
  const pattern = new RegExp(`"${key}"\\s*:\\s*\\[`, "g");
  pattern.lastIndex = start;
  const match = pattern.exec(text);
  if (!match) return undefined;
  const at = match.index + match[0].length;
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return { at, line };
}

/**
 * The records of a JSON file, whatever its shape: JSON Lines, objects written back to back (as
 * Kinesis Firehose delivers them), one array, or one document holding the list under one of
 * `listKeys` (an API page such as {"tickets": [...]}). Each record keeps the line it starts on.
 */
export function jsonRecords(text: string, listKeys: string[]): JsonRecord[] {
  const first = text.search(/\S/);
  if (first === -1) return [];
  if (text[first] === "[") {
    let line = 1;
    for (let i = 0; i < first; i++) if (text[i] === "\n") line++;
    const inner = spans(text, first + 1, line, true);
    const records = inner.spans.map((s) => parseSpan(text, s));
    if (inner.truncatedAt !== undefined) records.push({ line: inner.truncatedAt, error: "JSON ends in the middle of a record" });
    return records;
  }
  const top = spans(text, 0, 1, false);
  if (top.spans.length === 1) {
    const only = parseSpan(text, top.spans[0]!);
    if (only.value && typeof only.value === "object" && !Array.isArray(only.value)) {
      const doc = only.value as Record<string, unknown>;
      const key = listKeys.find((k) => Array.isArray(doc[k]));
      if (key) {
        const found = arrayUnderKey(text, top.spans[0]!.start + 1, key);
        const list = doc[key] as unknown[];
        if (found) {
          const inner = spans(text, found.at, found.line, true);
          // The scanner agrees with JSON.parse on well-formed input; keep the parsed values.
          if (inner.spans.length === list.length) return inner.spans.map((s, i) => ({ line: s.line, value: list[i] }));
        }
        return list.map((value) => ({ line: top.spans[0]!.line, value }));
      }
    }
  }
  // JSON Lines (the first record ends on its own line): read line by line, so that one broken
  // line is one rejection rather than the end of the file.
  const firstSpan = top.spans[0] ?? (top.truncatedAt !== undefined ? undefined : null);
  const firstLineEnd = text.indexOf("\n", first);
  const jsonLines = firstSpan !== null && (firstSpan === undefined ? firstLineEnd !== -1 : firstLineEnd === -1 || firstSpan.end <= firstLineEnd + 1);
  if (!jsonLines) {
    const records = top.spans.map((s) => parseSpan(text, s));
    if (top.truncatedAt !== undefined) records.push({ line: top.truncatedAt, error: "JSON ends in the middle of a record" });
    return records;
  }
  const records: JsonRecord[] = [];
  text.split("\n").forEach((raw, i) => {
    const lineText = raw.trim();
    if (lineText === "") return;
    const line = i + 1;
    try {
      records.push({ line, value: JSON.parse(lineText) });
    } catch (e) {
      // Objects written back to back on one line (Firehose) are several records.
      const parts = spans(lineText, 0, line, false);
      const parsed = parts.spans.map((s) => parseSpan(lineText, s));
      if (parts.truncatedAt === undefined && parsed.length > 1 && parsed.every((r) => r.error === undefined)) records.push(...parsed);
      else records.push({ line, error: `not valid JSON (${(e as Error).message})` });
    }
  });
  return records;
}

/**
 * jsonRecords for a whole file, streamed line by line when it is JSON Lines (a big CTR or ticket
 * export then never sits in memory as one string), read whole otherwise.
 */
export async function* fileJsonRecords(file: SourceFile, listKeys: string[]): AsyncGenerator<JsonRecord> {
  const head = file.head;
  const first = head.search(/\S/);
  const firstLineEnd = head.indexOf("\n", first);
  const headFirst = first === -1 || firstLineEnd === -1 ? undefined : head.slice(first, firstLineEnd).trim();
  let oneLine = false;
  if (headFirst !== undefined && headFirst.startsWith("{")) {
    try {
      JSON.parse(headFirst);
      oneLine = true;
    } catch {
      oneLine = false;
    }
  }
  if (!oneLine) {
    yield* jsonRecords(await readText(file), listKeys);
    return;
  }
  for await (const { line, text } of linesOf(file.stream())) {
    if (text.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      // Objects written back to back on one line are several records; anything else is one error.
      for (const rec of jsonRecords(text, [])) yield { ...rec, line };
      continue;
    }
    yield { line, value };
  }
}

import type { CsvRow } from "../csv-rows.js";
export type { CsvRow };

/** Rows of a vendor CSV (quotes relaxed: exports write stray quotes inside cells). */
export const csvRows = (file: SourceFile, onBadRow: (line: number, reason: string) => void, delimiter = ",") =>
  rows(file, onBadRow, { delimiter, relax_quotes: true });

/** A header reduced to letters and digits, so "First reply time", "first_reply_time" and "FirstReplyTime" match. */
export const headerKey = (header: string) => header.toLowerCase().replace(/[^a-z0-9]+/g, "");

/** The first line of a CSV head split into header names (quotes removed). */
export function csvHeaderOf(head: string): string[] {
  const line = (head.split("\n")[0] ?? "").replace(/\r$/, "");
  const cells: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') {
        current += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === "," && !quoted) {
      cells.push(current);
      current = "";
    } else current += ch;
  }
  cells.push(current);
  return cells.map((c) => c.trim());
}

/** Column lookup by normalised header name. */
export class Columns {
  private readonly index = new Map<string, number>();
  constructor(readonly headers: string[]) {
    headers.forEach((h, i) => {
      const key = headerKey(h);
      if (!this.index.has(key)) this.index.set(key, i);
    });
  }
  get(row: CsvRow, ...names: string[]): string | undefined {
    for (const name of names) {
      const i = this.index.get(headerKey(name));
      if (i === undefined) continue;
      const value = row.cells[i]?.trim();
      if (value !== undefined && value !== "") return value;
    }
    return undefined;
  }
}

/** Unix seconds (number or numeric string) to an ISO time in UTC. */
export function isoFromEpochSeconds(value: unknown): string | undefined {
  const n = typeof value === "string" && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) return undefined;
  return new Date(n * 1000).toISOString().replace(".000Z", "Z");
}

export const isoFromMs = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

/** Epoch ms of an ISO time with an offset (vendor JSON times always carry one). */
export function msOf(value: unknown): number | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  // Date.parse is exact for ISO times with Z or an offset, and many times faster than luxon.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return Date.parse(value);
  const parsed = DateTime.fromISO(value, { setZone: true });
  return parsed.isValid ? parsed.toMillis() : undefined;
}

/** HTML bodies (Intercom, Zendesk html_body) as plain text for the text rules. */
export function plainText(html: string): string {
  return html
    .replace(/<br\s*\/?>|<\/p>|<\/div>|<\/li>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A string or number field as a string; anything else as undefined. */
export function str(v: unknown): string | undefined {
  if (typeof v === "string") return v === "" ? undefined : v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return undefined;
}

export function num(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/**
 * The records (file and line) a conversation was made of, so that the ledger accepts or rejects
 * them with it: the first becomes the origin, the rest are counted per file.
 */
export class Provenance {
  private readonly perFile = new Map<string, { line: number; records: number }>();
  private first?: Origin;

  add(file: string, line: number, records = 1): this {
    this.first ??= { file, line };
    const seen = this.perFile.get(file);
    if (seen) seen.records += records;
    else this.perFile.set(file, { line, records });
    return this;
  }

  merge(other: Provenance): this {
    for (const [file, { line, records }] of other.perFile) this.add(file, line, records);
    return this;
  }

  get origin(): Origin | undefined {
    return this.first;
  }

  raw(record: Record<string, unknown>): RawConversation {
    const origin = this.first!;
    const related = [...this.perFile].filter(([file]) => file !== origin.file).map(([file, v]) => ({ file, line: v.line, records: v.records }));
    return { record: dropUndefined(record), origin, records: this.perFile.get(origin.file)!.records, ...(related.length ? { related } : {}) };
  }
}

/** Events and records without their undefined keys (canonical JSON stays clean for `convert`). */
function dropUndefined(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (v === undefined) continue;
    out[k] = k === "events" && Array.isArray(v) ? v.map((e) => (isObject(e) ? dropUndefined(e) : e)) : v;
  }
  return out;
}

/** Events ordered by time (ISO strings with offsets compare by their epoch), ties in input order. */
export function sortEvents(events: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  return events
    .map((e, i) => ({ e, i, t: msOf(e.at) ?? 0 }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.e);
}
