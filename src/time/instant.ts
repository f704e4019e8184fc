import { DateTime } from "luxon";

// Times in exports come with or without an offset; those without one are read in the
// audit's configured zone (SPEC section 1).
const HAS_OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/i;

// The common case, a full ISO time with Z or ±hh:mm, is read by Date.parse: the same instant
// as luxon gives, an order of magnitude faster on large exports (see bench/).
const PLAIN_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an ISO 8601 time to epoch ms, or returns undefined when it is not one. */
export function parseInstant(text: string, zone: string): number | undefined {
  if (PLAIN_ISO.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return ms;
  }
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
