import { spawnSync } from "node:child_process";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would (bin/support-audit.js), without colour. */
export function runCli(args: string[], options: { input?: string; env?: Record<string, string> } = {}): CliResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1", CI: "true", ...options.env };
  delete env.FORCE_COLOR; // node warns when both are set, and that warning would land in stderr
  const result = spawnSync(process.execPath, ["bin/support-audit.js", ...args], { encoding: "utf8", input: options.input, env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export const AS_OF = ["--as-of", "2026-11-23T12:00:00Z"];
