import { DateTime } from "luxon";

// Times in exports come with or without an offset; those without one are read in the
// audit's configured zone (SPEC section 1).
const HAS_OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/i;

/** Parses an ISO 8601 time to epoch ms, or returns undefined when it is not one. */
export function parseInstant(text: string, zone: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed)) return undefined;
  const options = HAS_OFFSET.test(trimmed) ? { setZone: true } : { zone };
  let parsed = DateTime.fromISO(trimmed, options);
  // "2026-11-02 09:14:00" (space instead of T) is what spreadsheets and CSV exports write.
  if (!parsed.isValid) parsed = DateTime.fromSQL(trimmed, options);
  return parsed.isValid ? parsed.toMillis() : undefined;
}

/** True when luxon knows the IANA zone name (or "UTC", or a fixed offset like "UTC+2"). */
export function isValidZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

export function formatInstant(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();
}
