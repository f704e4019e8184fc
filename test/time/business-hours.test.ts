import { describe, expect, it } from "vitest";
import { businessSecondsBetween, type BusinessCalendar } from "../../src/time/business-hours.js";

const weekdays = (zone: string, holidays: string[] = []): BusinessCalendar => ({
  timezone: zone,
  week: new Map([1, 2, 3, 4, 5].map((d) => [d, [[9 * 60, 18 * 60]] as Array<[number, number]>])),
  holidays: new Set(holidays),
});
const ms = (iso: string) => Date.parse(iso);

describe("businessSecondsBetween", () => {
  it("counts Friday 17:55 to Monday 09:10 as 15 minutes of a 9-18 weekday calendar", () => {
    expect(businessSecondsBetween(weekdays("Europe/Berlin"), ms("2026-11-13T17:55:00+01:00"), ms("2026-11-16T09:10:00+01:00"))).toBe(15 * 60);
  });

  it("skips holidays", () => {
    const cal = weekdays("Europe/Berlin", ["2026-12-25"]);
    // Thursday 17:00 -> Monday 10:00 over Christmas Friday: 1h Thursday + 1h Monday.
    expect(businessSecondsBetween(cal, ms("2026-12-24T17:00:00+01:00"), ms("2026-12-28T10:00:00+01:00"))).toBe(2 * 3600);
  });

  it("counts nine wall-clock hours on the day clocks change (DST)", () => {
    // 2026-03-29 is a Sunday in Europe: use a calendar open every day to see the change day.
    const everyDay: BusinessCalendar = { timezone: "Europe/Berlin", week: new Map([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [[540, 1080]] as Array<[number, number]>])), holidays: new Set() };
    expect(businessSecondsBetween(everyDay, ms("2026-03-29T00:00:00+01:00"), ms("2026-03-30T00:00:00+02:00"))).toBe(9 * 3600);
    // New York changes on 2026-03-08 (Sunday) too; the Monday after keeps 9 hours.
    expect(businessSecondsBetween(weekdays("America/New_York"), ms("2026-03-09T00:00:00-04:00"), ms("2026-03-10T00:00:00-04:00"))).toBe(9 * 3600);
  });

  it("reads opening hours in the calendar's zone, whatever zone the times were written in", () => {
    // 08:00 UTC is 09:00 in Berlin (winter): one business hour until 10:00 Berlin.
    expect(businessSecondsBetween(weekdays("Europe/Berlin"), ms("2026-11-16T08:00:00Z"), ms("2026-11-16T10:00:00+01:00"))).toBe(3600);
  });

  it("is zero for a span outside opening hours and for a reversed span", () => {
    expect(businessSecondsBetween(weekdays("UTC"), ms("2026-11-14T10:00:00Z"), ms("2026-11-15T20:00:00Z"))).toBe(0);
    expect(businessSecondsBetween(weekdays("UTC"), ms("2026-11-16T12:00:00Z"), ms("2026-11-16T10:00:00Z"))).toBe(0);
  });
});
