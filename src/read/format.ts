import type { Origin } from "../model.js";
import type { RuleSet } from "../rules/load.js";
import type { InputLedger } from "./ledger.js";
import type { SourceFile } from "./source.js";

/** A conversation as a format produced it: a canonical record, still to be validated. */
export interface RawConversation {
  record: unknown;
  origin: Origin;
  /** How many records of the origin file it was made of (rows of a CSV); 1 by default. */
  records?: number;
  /** Records of other files joined into it (comments, a transcript): accepted or rejected with it. */
  related?: Array<Origin & { records: number }>;
}

export interface ReadContext {
  /** Zone for times written without an offset. */
  zone: string;
  /** Accounts for records a format consumes or rejects itself (secondary files, bad rows). */
  ledger: InputLedger;
  input: RuleSet["input"];
}

/**
 * One export format. Formats are given all files detected as theirs at once, so that related
 * files (tickets and their comments, a CDR and its queue_log) can be joined by their ids.
 */
export interface InputFormat {
  name: string;
  description: string;
  /** True when the file (by name and first bytes) is in this format. */
  detect(file: Pick<SourceFile, "name" | "head">): boolean;
  read(files: SourceFile[], ctx: ReadContext): AsyncIterable<RawConversation>;
}
