import { UserError } from "../errors.js";
import type { Conversation, Origin } from "../model.js";
import { toConversation } from "./canonical.js";
import type { InputFormat, ReadContext } from "./format.js";
import { FORMATS, formatNames } from "./formats/index.js";
import type { SourceFile } from "./source.js";

export interface ReadOptions extends ReadContext {
  /** Force one format for every file (--input-format). */
  format?: string;
}

/** Which format reads each file; a file no format recognises is an error, never skipped. */
export function assignFormats(sources: SourceFile[], forced?: string): Map<InputFormat, SourceFile[]> {
  const byFormat = new Map<InputFormat, SourceFile[]>();
  const forcedFormat = forced === undefined ? undefined : FORMATS.find((f) => f.name === forced);
  if (forced !== undefined && !forcedFormat) throw new UserError(`unknown input format "${forced}" (known: ${formatNames().join(", ")})`);
  for (const source of sources) {
    const format = forcedFormat ?? FORMATS.find((f) => f.detect(source));
    if (!format) {
      const first = source.head.split("\n").find((l) => l.trim() !== "")?.trim() ?? "";
      throw new UserError(
        `${source.path}:1: not a format support-audit reads (${first === "" ? "the file is empty" : `it starts ${JSON.stringify(first.slice(0, 60))}`}); expected one of ${formatNames().join(", ")}`,
        `the README's "Input formats" says what each looks like; --input-format NAME forces one`,
      );
    }
    byFormat.set(format, [...(byFormat.get(format) ?? []), source]);
  }
  return byFormat;
}

/**
 * Every conversation of the sources, validated against the canonical model. Streams: a
 * conversation is handed on as soon as its format yields it. Rejected records go to the ledger.
 */
export async function* readConversations(sources: SourceFile[], options: ReadOptions): AsyncGenerator<{ conversation: Conversation; origin: Origin }> {
  const { ledger } = options;
  const firstSeen = new Map<string, Origin>();
  for (const [format, files] of assignFormats(sources, options.format)) {
    for (const file of files) ledger.register(file.path, format.name);
    for await (const raw of format.read(files, options)) {
      const { origin } = raw;
      const related = raw.related ?? [];
      const converted = toConversation(raw.record, options.zone);
      let reason = converted.ok ? undefined : converted.reason;
      if (converted.ok) {
        const earlier = firstSeen.get(converted.conversation.id);
        if (earlier) reason = `id: conversation "${converted.conversation.id}" appears again (first at ${earlier.file}:${earlier.line})`;
      }
      if (reason !== undefined || !converted.ok) {
        ledger.reject(origin.file, origin.line, reason!, raw.records ?? 1);
        for (const part of related) ledger.reject(part.file, part.line, `belongs to a rejected conversation (${origin.file}:${origin.line})`, part.records);
        continue;
      }
      firstSeen.set(converted.conversation.id, origin);
      ledger.accept(origin.file, raw.records ?? 1);
      for (const part of related) ledger.accept(part.file, part.records);
      yield { conversation: converted.conversation, origin };
    }
  }
}
