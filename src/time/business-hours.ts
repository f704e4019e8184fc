import { DateTime } from "luxon";

/** A weekly schedule in one time zone, with holidays: the hours a support team is open. */
export interface BusinessCalendar {
  timezone: string;
  /** Open intervals per ISO weekday (1 = Monday .. 7 = Sunday), in minutes since local midnight. */
  week: Map<number, Array<[number, number]>>;
  /** Local dates (yyyy-mm-dd) on which the team is closed all day. */
  holidays: Set<string>;
}


/**
 * Seconds between two instants that fall inside the calendar's open hours. Walks local days,
 * so daylight-saving changes and holidays are honoured: an interval 09:00-18:00 is nine wall
 * clock hours on a normal day and on the day the clocks change alike.
 */
export function businessSecondsBetween(calendar: BusinessCalendar, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  let day = DateTime.fromMillis(fromMs, { zone: calendar.timezone }).startOf("day");
  const lastDay = DateTime.fromMillis(toMs, { zone: calendar.timezone }).startOf("day");
  let total = 0;
  // Bounded walk: a conversation open for years still ends; 20 years of days is 7305 steps.
  for (let steps = 0; day <= lastDay && steps < 7305; steps++, day = day.plus({ days: 1 })) {
    if (calendar.holidays.has(day.toISODate()!)) continue;
    for (const [startMin, endMin] of calendar.week.get(day.weekday) ?? []) {
      const open = day.set({ hour: Math.floor(startMin / 60), minute: startMin % 60 }).toMillis();
      const close = endMin >= 1440 ? day.plus({ days: 1 }).toMillis() : day.set({ hour: Math.floor(endMin / 60), minute: endMin % 60 }).toMillis();
      const overlap = Math.min(close, toMs) - Math.max(open, fromMs);
      if (overlap > 0) total += overlap;
    }
  }
  return total / 1000;
}

/** Calendar seconds, or business seconds when a calendar is given. */
export function elapsedSeconds(fromMs: number, toMs: number, calendar?: BusinessCalendar): number {
  if (calendar) return businessSecondsBetween(calendar, fromMs, toMs);
  return Math.max(0, toMs - fromMs) / 1000;
}

