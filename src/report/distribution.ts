import type { Report } from "./report.js";

// Conversation scores in bands a manager reads as grades; a clean conversation (100) is its
// own band because most conversations of a healthy export are clean.

export interface ScoreBand {
  label: string;
  grade: string;
  min: number;
  max: number;
  count: number;
}

const BANDS = [
  { label: "0–59", grade: "F", min: 0, max: 59.99 },
  { label: "60–69", grade: "D", min: 60, max: 69.99 },
  { label: "70–79", grade: "C", min: 70, max: 79.99 },
  { label: "80–89", grade: "B", min: 80, max: 89.99 },
  { label: "90–99", grade: "A", min: 90, max: 99.99 },
  { label: "100", grade: "clean", min: 100, max: 100 },
] as const;

/** How many conversations fall in each score band, lowest band first. */
export function scoreDistribution(conversations: Report["conversations"]): ScoreBand[] {
  const bands = BANDS.map((b) => ({ ...b, count: 0 }));
  for (const c of conversations) {
    const band = bands.find((b) => c.score >= b.min && c.score <= b.max) ?? bands[0]!;
    band.count++;
  }
  return bands;
}
