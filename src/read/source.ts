import { createReadStream } from "node:fs";
import { open, readdir, stat } from "node:fs/promises";
import { basename, extname, join, relative } from "node:path";
import type { Readable } from "node:stream";
import { UserError } from "../errors.js";

/** One input file (or stdin), with its first bytes read for format detection. */
export interface SourceFile {
  /** As shown in messages and the report. */
  path: string;
  name: string;
  /** The first bytes, as text (BOM removed). */
  head: string;
  /** The whole content, streamed. */
  stream(): AsyncIterable<Buffer>;
  /** stream() can be called again (a file); standard input cannot be read twice. */
  replayable: boolean;
}

const HEAD_BYTES = 64 * 1024;
/** File endings a folder is searched for; other files in a folder (READMEs, images) are left alone. */
export const DATA_EXTENSIONS = new Set([".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".txt", ".log"]);
/** Exports whose files have no ending: Asterisk writes queue_log (rotated: queue_log.1, queue_log-20261101). */
const DATA_NAMES = /^queue_log([.-][\w-]+)?$/;

const isDataFile = (name: string) => DATA_EXTENSIONS.has(extname(name).toLowerCase()) || DATA_NAMES.test(name);

const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** Text of the head, cut back to whole lines so detectors never see half a record at the end. */
function headText(buffer: Buffer, complete: boolean): string {
  let text = stripBom(buffer.toString("utf8"));
  if (!complete) {
    const lastNewline = text.lastIndexOf("\n");
    if (lastNewline > 0) text = text.slice(0, lastNewline + 1);
  }
  return text;
}

const shown = (path: string) => {
  const rel = relative(process.cwd(), path);
  return rel === "" || rel.startsWith("..") ? path : rel;
};

async function fileSource(path: string): Promise<SourceFile> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return {
      path: shown(path),
      name: basename(path),
      head: headText(buffer.subarray(0, bytesRead), bytesRead < HEAD_BYTES),
      stream: () => createReadStream(path),
      replayable: true,
    };
  } finally {
    await handle.close();
  }
}

async function stdinSource(stdin: Readable): Promise<SourceFile> {
  const chunks: Buffer[] = [];
  let size = 0;
  const iterator = stdin[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let ended = false;
  while (size < HEAD_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    chunks.push(chunk);
    size += chunk.length;
  }
  const head = Buffer.concat(chunks);
  return {
    path: "<stdin>",
    name: "stdin",
    head: headText(head, ended),
    replayable: false,
    async *stream() {
      yield head;
      if (ended) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    },
  };
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".")) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await walk(full)));
    else if (entry.isFile() && isDataFile(entry.name)) found.push(full);
  }
  return found;
}

/** Files, folders (searched for data files) and "-" for standard input. */
export async function openSources(args: string[], stdin: Readable = process.stdin): Promise<SourceFile[]> {
  const sources: SourceFile[] = [];
  for (const arg of args) {
    if (arg === "-") {
      sources.push(await stdinSource(stdin));
      continue;
    }
    let info;
    try {
      info = await stat(arg);
    } catch {
      throw new UserError(`${arg}: no such file or folder`, "give export files, folders or - for standard input");
    }
    if (info.isDirectory()) {
      const files = await walk(arg);
      if (files.length === 0) throw new UserError(`${arg}: folder holds no data files (${[...DATA_EXTENSIONS].join(" ")})`);
      for (const file of files) sources.push(await fileSource(file));
    } else {
      sources.push(await fileSource(arg));
    }
  }
  return sources;
}
