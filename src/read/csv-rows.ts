import { parse, type Options } from "csv-parse";
import type { SourceFile } from "./source.js";

export interface CsvRow {
  cells: string[];
  /** The line the row starts on (1-based; a quoted cell may span lines). */
  line: number;
}

/**
 * Rows of a CSV file, streamed, in batches: the parser is fed chunk by chunk and the rows of
 * each chunk come out together, which avoids a promise per row on large exports. Rows the
 * parser cannot read (an unclosed quote) are handed to onBadRow with their line.
 */
export async function* csvRowBatches(file: SourceFile, onBadRow: (line: number, reason: string) => void, options: Options = {}): AsyncGenerator<CsvRow[]> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, skip_records_with_error: true, ...options });
  let rows: CsvRow[] = [];
  let failure: Error | undefined;
  parser.on("data", ({ record, info }: { record: string[]; info: { lines: number } }) => rows.push({ cells: record, line: info.lines }));
  parser.on("skip", (err: Error & { lines?: number }) => onBadRow(err.lines ?? 0, `not a valid CSV row (${err.message})`));
  parser.on("error", (err: Error) => (failure = err));
  const ended = new Promise<void>((resolve) => parser.on("end", resolve).on("error", () => resolve()));
  for await (const chunk of file.stream()) {
    parser.write(chunk);
    if (failure) throw failure;
    if (rows.length > 0) {
      yield rows;
      rows = [];
    }
  }
  parser.end();
  await ended;
  if (failure) throw failure;
  if (rows.length > 0) yield rows;
}

/** The same rows one by one, for readers that keep state per row. */
export async function* csvRows(file: SourceFile, onBadRow: (line: number, reason: string) => void, options: Options = {}): AsyncGenerator<CsvRow> {
  for await (const batch of csvRowBatches(file, onBadRow, options)) yield* batch;
}
