import type { ChalkInstance } from "chalk";
import type { BaselineComparison, GroupDelta } from "./baseline.js";

// The comparison with a baseline as terminal text: shared by the table report and
// `support-audit compare`, so both say the same thing.

/** "+2.5" / "-1" / "±0" / "-" for a delta; higher is better for scores, worse for findings. */
export function signed(delta: number | null): string {
  if (delta === null) return "-";
  if (delta === 0) return "±0";
  return delta > 0 ? `+${delta}` : `${delta}`;
}

export function paintDelta(c: ChalkInstance, delta: number | null, higherIsBetter: boolean): string {
  const text = signed(delta);
  if (delta === null || delta === 0) return c.dim(text);
  return (delta > 0) === higherIsBetter ? c.green(text) : c.red(text);
}

const show = (n: number | null) => (n === null ? "-" : String(n));

function groupLines(title: string, rows: GroupDelta[], c: ChalkInstance, limit: number): string[] {
  const moved = rows.filter((r) => r.delta !== null && r.delta !== 0);
  if (moved.length === 0) return [];
  const drops = moved.filter((r) => r.delta! < 0).slice(0, limit);
  const gains = moved.filter((r) => r.delta! > 0).sort((a, b) => b.delta! - a.delta!).slice(0, limit);
  const line = (r: GroupDelta) => `    ${r.key.padEnd(24)} ${show(r.before).padStart(5)} → ${show(r.after).padStart(5)}  ${paintDelta(c, r.delta, true)}`;
  return [
    c.bold(`  ${title}`),
    ...(drops.length ? [c.dim("   fell the most"), ...drops.map(line)] : []),
    ...(gains.length ? [c.dim("   rose the most"), ...gains.map(line)] : []),
  ];
}

export function comparisonLines(cmp: BaselineComparison, c: ChalkInstance, limit = 5): string[] {
  const out: string[] = [];
  const since = cmp.before.as_of ? ` of ${cmp.before.as_of}` : "";
  out.push(c.bold(`Compared with the baseline${cmp.file ? ` ${cmp.file}` : ""}${since}`));
  out.push(`  Score ${show(cmp.score.before)} → ${c.bold(show(cmp.score.after))}  ${paintDelta(c, cmp.score.delta, true)}    grade ${cmp.before.grade} → ${cmp.after.grade}    conversations ${cmp.before.conversations} → ${cmp.after.conversations}`);
  const changed = cmp.rules.filter((r) => r.delta !== 0);
  if (changed.length > 0) {
    out.push(c.bold("  Findings by rule"));
    for (const r of changed) out.push(`    ${r.id.padEnd(24)} ${show(r.before).padStart(5)} → ${show(r.after).padStart(5)}  ${paintDelta(c, r.delta, false)}`);
  }
  out.push(...groupLines("Agents", cmp.agents, c, limit), ...groupLines("Teams", cmp.teams, c, limit));
  const resolved = cmp.gone_findings.filter((f) => f.resolved).length;
  out.push(`  ${c.red(`${cmp.new_findings.length} new`)} finding${cmp.new_findings.length === 1 ? "" : "s"} (by conversation and rule), ${c.green(`${cmp.gone_findings.length} gone`)}${resolved ? ` (${resolved} in conversations audited again)` : ""}`);
  for (const f of cmp.new_findings.slice(0, limit)) out.push(`    ${c.red("+")} ${f.conversation}  ${c.cyan(f.rule)}  ${f.message}`);
  if (cmp.new_findings.length > limit) out.push(c.dim(`    … and ${cmp.new_findings.length - limit} more new (see --format json)`));
  for (const f of cmp.gone_findings.slice(0, limit)) out.push(`    ${c.green("-")} ${f.conversation}  ${c.cyan(f.rule)}  ${f.message}`);
  if (cmp.gone_findings.length > limit) out.push(c.dim(`    … and ${cmp.gone_findings.length - limit} more gone (see --format json)`));
  return out;
}
