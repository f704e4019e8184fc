import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatDuration, parseDuration } from "../../src/time/duration.js";

describe("parseDuration", () => {
  it.each([
    ["45s", 45], ["5m", 300], ["24h", 86400], ["2d", 172800], ["1h30m", 5400], ["1w", 604800], ["1.5h", 5400], [" 2h 15m ", 8100],
  ])("reads %s as %i seconds", (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(["", "5", "5 mins", "h", "1m1h", "-5m", "abc"])("rejects %j", (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it("reads back what it writes, to the precision shown", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10 * 86400 }), (seconds) => {
      const back = parseDuration(formatDuration(seconds))!;
      // Two units are shown, so the error is below one unit of the smaller one shown.
      expect(back).toBeLessThanOrEqual(seconds);
      expect(seconds - back).toBeLessThan(seconds >= 86400 ? 3600 : seconds >= 3600 ? 60 : 1);
    }));
  });
});

describe("formatDuration", () => {
  it.each([[0, "0s"], [59, "59s"], [90, "1m30s"], [3605, "1h"], [5400, "1h30m"], [86400, "1d"], [93784, "1d2h"]])("writes %i as %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe("parseInstant", async () => {
  const { parseInstant } = await import("../../src/time/instant.js");
  it.each([
    ["2026-11-02T09:14:00+01:00", "2026-11-02T08:14:00.000Z"],
    ["2026-11-02T09:14:00.123Z", "2026-11-02T09:14:00.123Z"],
    ["2026-11-02T09:14Z", "2026-11-02T09:14:00.000Z"],
    ["2026-11-02T09:14:00+0530", "2026-11-02T03:44:00.000Z"],
    ["2026-11-02 09:14:00", "2026-11-02T07:14:00.000Z"],
    ["2026-11-02T09:14:00", "2026-11-02T07:14:00.000Z"],
    ["2026-07-02T09:14:00", "2026-07-02T06:14:00.000Z"],
  ])("reads %s (offset-less in Europe/Sofia)", (text, iso) => {
    expect(new Date(parseInstant(text, "Europe/Sofia")!).toISOString()).toBe(iso);
  });
  it.each(["yesterday", "2026-13-02T09:00:00Z", "2026-11-02T25:00:00Z", "02/11/2026"])("rejects %s", (text) => {
    expect(parseInstant(text, "UTC")).toBeUndefined();
  });
});
