import { z } from "zod";
import { parseDuration } from "../time/duration.js";
import { CHANNELS, SOURCES } from "../model.js";

// Field schemas shared by the rule set file and the rule types.

export const SEVERITIES = ["info", "warning", "error", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

/** A duration written with units ("45s", "5m", "24h", "2d", "1h30m"), read as seconds. */
export const duration = z
  .string({ error: 'expected a duration such as "45s", "5m", "24h", "2d" or "1h30m"' })
  .transform((text, ctx) => {
    const seconds = parseDuration(text);
    if (seconds === undefined) {
      ctx.addIssue({ code: "custom", message: `expected a duration such as "45s", "5m", "24h", "2d" or "1h30m", got "${text}"` });
      return z.NEVER;
    }
    return seconds;
  })
  .meta({ description: 'A duration with units: "45s", "5m", "24h", "2d", "1h30m".', pattern: "^(\\d+(\\.\\d+)?[wdhms])+$" });

/** One value or a list of them, read as a list ("claims: repetition-claim" or "claims: [a, b]"). */
export const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

/** Which conversations a rule (or an override) applies to; every given key must match. */
export const whereSchema = z.strictObject({
  channel: oneOrMany(z.enum(CHANNELS)).optional(),
  source: oneOrMany(z.enum(SOURCES)).optional(),
  priority: oneOrMany(z.string()).optional(),
  queue: oneOrMany(z.string()).optional(),
  team: oneOrMany(z.string()).optional(),
  tags: oneOrMany(z.string()).optional(),
  language: oneOrMany(z.string()).optional(),
});
export type Where = z.output<typeof whereSchema>;

/** Keys every rule has, whatever its type. */
export const commonRuleFields = {
  type: z.string(),
  description: z.string().min(1),
  severity: z.enum(SEVERITIES),
  weight: z.number().min(0).max(100),
  where: whereSchema.optional(),
  message: z.string().min(1).optional(),
  rationale: z.string().optional(),
};
