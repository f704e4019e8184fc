// Errors a user can fix (bad usage, bad rule file, unreadable input): the CLI prints them as
// one line with an optional hint and exits 2. Anything else is a bug and keeps its stack.

export class UserError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = "UserError";
  }
}

/** One problem in a rule set file, located at file:line:col. */
export interface RuleSetProblem {
  file: string;
  line: number;
  col: number;
  code: string;
  message: string;
  rule?: string;
}

export function formatProblem(p: RuleSetProblem): string {
  const where = `${p.file}:${p.line}:${p.col}`;
  return `${where}: ${p.rule ? `rule '${p.rule}': ` : ""}${p.message} [${p.code}]`;
}

/** All the problems of a rule set, collected rather than stopping at the first. */
export class RuleSetError extends UserError {
  constructor(readonly problems: RuleSetProblem[]) {
    super(problems.map(formatProblem).join("\n"), "run `support-audit rules validate FILE` to check a rule file; `support-audit rules schema` prints its JSON Schema");
    this.name = "RuleSetError";
  }
}
