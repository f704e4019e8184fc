import { UserError } from "../errors.js";

export interface FileAccount {
  path: string;
  format: string;
  records: number;
  accepted: number;
  rejected: number;
  /** What a reader could not do with this file (say, rules that need messages a metrics-only export lacks). */
  notes?: string[];
}

export interface Rejection {
  file: string;
  line: number;
  reason: string;
}

/**
 * Accounts for every record read: each is accepted (audited) or rejected with its file, line
 * and reason, so that nothing is lost silently (`records = accepted + rejected` per file).
 */
export class InputLedger {
  readonly files = new Map<string, FileAccount>();
  readonly rejections: Rejection[] = [];

  /** With strict set, the first rejection stops the run instead. */
  constructor(private readonly strict = false) {}

  register(path: string, format: string): void {
    if (!this.files.has(path)) this.files.set(path, { path, format, records: 0, accepted: 0, rejected: 0 });
  }

  accept(path: string, records = 1): void {
    const account = this.account(path);
    account.records += records;
    account.accepted += records;
  }

  reject(path: string, line: number, reason: string, records = 1): void {
    if (this.strict) throw new UserError(`${path}:${line}: ${reason}`, "rejected record with --strict; drop --strict to audit the rest and list rejections in the report");
    const account = this.account(path);
    account.records += records;
    account.rejected += records;
    this.rejections.push({ file: path, line, reason });
  }

  /** Records a remark on a file, shown with it in the report's input section (once per text). */
  note(path: string, text: string): void {
    const account = this.account(path);
    account.notes ??= [];
    if (!account.notes.includes(text)) account.notes.push(text);
  }

  get accepted(): number {
    let n = 0;
    for (const f of this.files.values()) n += f.accepted;
    return n;
  }

  get rejected(): number {
    return this.rejections.length;
  }

  private account(path: string): FileAccount {
    const account = this.files.get(path);
    if (!account) throw new Error(`ledger: ${path} was not registered`);
    return account;
  }
}
