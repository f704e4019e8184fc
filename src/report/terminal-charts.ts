// Bars and sparklines from Unicode block characters, for the terminal table: a glance at
// the shape before the numbers.

const EIGHTHS = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
const SPARKS = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

/** A horizontal bar `width` cells long at `max`; any non-zero value shows at least a sliver. */
export function bar(value: number, max: number, width: number): string {
  if (max <= 0 || value <= 0) return "";
  const eighths = Math.max(1, Math.round((value / max) * width * 8));
  return "█".repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

/** One character per value, scaled between 0 and the largest value. */
export function sparkline(values: number[]): string {
  const max = Math.max(0, ...values);
  return values.map((v) => (max === 0 || v <= 0 ? " " : SPARKS[Math.min(7, Math.floor((v / max) * 7.999))])).join("");
}
