import type { Finding } from "../rules/engine.js";

// The scoring model, stated in the README: a conversation starts at 100 and loses each
// finding's weight, never below 0; a critical finding fails it outright. Groups and the audit
// are means of conversation scores.

export const GRADES = [["A", 90], ["B", 80], ["C", 70], ["D", 60]] as const;

export function scoreOf(findings: Pick<Finding, "severity" | "weight">[]): number {
  if (findings.some((f) => f.severity === "critical")) return 0;
  return Math.max(0, 100 - findings.reduce((sum, f) => sum + f.weight, 0));
}

export function gradeOf(score: number | null): string {
  if (score === null) return "-";
  return GRADES.find(([, min]) => score >= min)?.[0] ?? "F";
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

/** Running means per key, for the agent, team, channel and queue tables. */
export class GroupScores {
  private readonly groups = new Map<string, { conversations: number; scoreSum: number; findings: number }>();

  add(key: string, score: number, findings: number): void {
    const g = this.groups.get(key) ?? { conversations: 0, scoreSum: 0, findings: 0 };
    g.conversations++;
    g.scoreSum += score;
    g.findings += findings;
    this.groups.set(key, g);
  }

  /** Worst score first, then most conversations. */
  rows(): Array<{ key: string; conversations: number; score: number; grade: string; findings: number }> {
    return [...this.groups.entries()]
      .map(([key, g]) => {
        const score = round1(g.scoreSum / g.conversations);
        return { key, conversations: g.conversations, score, grade: gradeOf(score), findings: g.findings };
      })
      .sort((a, b) => a.score - b.score || b.conversations - a.conversations || a.key.localeCompare(b.key));
  }
}
