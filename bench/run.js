// npm run bench: times whole audits of large synthetic exports and records peak memory.
// Each audit runs in a child process so its peak resident memory (maxRSS) is its own.
// BENCH_CONVERSATIONS sets the size (default 100000).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeCsv, writeJsonl } from "./generate.js";

const count = Number(process.env.BENCH_CONVERSATIONS ?? 100000);
const dir = mkdtempSync(join(tmpdir(), "support-audit-bench-"));

const CHILD = `
const { main } = await import(${JSON.stringify(new URL("../dist/cli/main.js", import.meta.url).href)});
const started = performance.now();
const code = await main(JSON.parse(process.argv[1]));
process.stderr.write(JSON.stringify({ code, ms: performance.now() - started, maxRssMiB: process.resourceUsage().maxRSS / 1024 }) + "\\n");
`;

function audit(label, args, bytes) {
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", CHILD, JSON.stringify([...args, "--as-of", "2026-11-23T00:00:00Z"])], { encoding: "utf8", maxBuffer: 1 << 30 });
  const stats = JSON.parse(child.stderr.trim().split("\n").pop());
  if (stats.code > 1) throw new Error(`${label} failed: ${child.stderr}`);
  const seconds = stats.ms / 1000;
  console.log(`${label.padEnd(44)} ${seconds.toFixed(2).padStart(7)} s  ${(count / seconds).toFixed(0).padStart(8)} conv/s  ${(bytes / 2 ** 20 / seconds).toFixed(1).padStart(6)} MiB/s  peak RSS ${stats.maxRssMiB.toFixed(0)} MiB`);
}

try {
  const jsonl = join(dir, "export.jsonl");
  const csv = join(dir, "export.csv");
  await writeJsonl(jsonl, count);
  await writeCsv(csv, count);
  const size = (f) => statSync(f).size;
  console.log(`support-audit bench: ${count} conversations; JSONL ${(size(jsonl) / 2 ** 20).toFixed(0)} MiB, CSV ${(size(csv) / 2 ** 20).toFixed(0)} MiB`);
  audit("canonical JSONL -> json report", [jsonl, "--format", "json", "--output", join(dir, "r.json")], size(jsonl));
  audit("canonical JSONL -> table", [jsonl, "--output", join(dir, "r.txt")], size(jsonl));
  const timingRules = new URL("./timing-rules.yaml", import.meta.url).pathname;
  audit("canonical JSONL -> table, timing rules only", [jsonl, "--rules", timingRules, "--output", join(dir, "r3.txt")], size(jsonl));
  audit("events CSV -> json report", [csv, "--format", "json", "--output", join(dir, "r2.json")], size(csv));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// Benchmarks of other parts live beside this one and run after it.
for (const extra of ["text.js"]) {
  const path = new URL(`./${extra}`, import.meta.url);
  if (existsSync(path)) {
    const run = spawnSync(process.execPath, [path.pathname], { stdio: "inherit" });
    if (run.status !== 0) process.exitCode = run.status ?? 1;
  }
}
