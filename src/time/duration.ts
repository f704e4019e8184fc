// Durations in rule files read like people write them: 45s, 5m, 24h, 2d, 1h30m.
const UNIT_SECONDS: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };
const DURATION = /^(?:(\d+(?:\.\d+)?)w)?(?:(\d+(?:\.\d+)?)d)?(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?$/;

/** Seconds in a duration string, or undefined if it is not one. */
export function parseDuration(text: string): number | undefined {
  const compact = text.trim().toLowerCase().replace(/\s+/g, "");
  if (compact === "" ) return undefined;
  if (/^\d+(\.\d+)?$/.test(compact)) return undefined; // a bare number has no unit: ambiguous
  const match = DURATION.exec(compact);
  if (!match) return undefined;
  const units = ["w", "d", "h", "m", "s"];
  let seconds = 0;
  units.forEach((unit, i) => {
    const value = match[i + 1];
    if (value !== undefined) seconds += Number(value) * UNIT_SECONDS[unit]!;
  });
  return seconds;
}

/** 5400 -> "1h30m"; 86400 -> "1d"; 3605 -> "1h"; 0 -> "0s". Two units at most: 2d4h, 6h30m, 4m12s. */
export function formatDuration(totalSeconds: number): string {
  let rest = Math.round(Math.abs(totalSeconds));
  if (rest === 0) return "0s";
  const units = ["d", "h", "m", "s"];
  const counts = units.map((unit) => {
    const size = UNIT_SECONDS[unit]!;
    const count = Math.floor(rest / size);
    rest -= count * size;
    return count;
  });
  const first = counts.findIndex((n) => n > 0);
  const parts = [`${counts[first]}${units[first]}`];
  if (first + 1 < units.length && counts[first + 1]! > 0) parts.push(`${counts[first + 1]}${units[first + 1]}`);
  return (totalSeconds < 0 ? "-" : "") + parts.join("");
}
