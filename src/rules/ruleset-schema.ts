import { z } from "zod";
import { ROLES } from "../model.js";
import { isValidZone } from "../time/instant.js";
import { commonRuleFields, SEVERITIES, whereSchema } from "./fields.js";
import { ruleTypes } from "./registry.js";

// The shape of a rule set file. Rules are checked in a second step, once `extends` has been
// merged, because a user's entry may only change a few keys of a rule it inherits.

export const timezone = z.string().superRefine((zone, ctx) => {
  if (!isValidZone(zone)) ctx.addIssue({ code: "custom", message: `unknown time zone "${zone}" (use an IANA name such as "Europe/Sofia", or "UTC")` });
});

const clock = /^([01]\d|2[0-4]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/;
const dayHours = z.union([
  z.literal("closed"),
  z.string().regex(clock, 'expected opening hours like "09:00-18:00" or "closed"'),
  z.array(z.string().regex(clock, 'expected opening hours like "09:00-12:30"')),
]);
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

export const businessHoursSchema = z.strictObject({
  timezone,
  week: z.strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, dayHours.optional()])) as Record<(typeof WEEKDAYS)[number], z.ZodOptional<typeof dayHours>>),
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date like 2026-12-25")).default([]),
});

/** Canonical field names a CSV column can be mapped to (see README, "CSV input"). */
export const CSV_FIELDS = [
  "conversation_id", "at", "type", "role", "agent", "team", "text", "public", "duration_s", "queue", "abandoned",
  "to_agent", "to_team", "status", "score", "scale", "comment", "internal",
  "source", "channel", "created_at", "closed_at", "priority", "customer", "language", "tags",
] as const;

export const inputSchema = z.strictObject({
  time_format: z.string().min(1).optional().describe('How CSV times are written when not ISO 8601, in luxon tokens: "dd.MM.yyyy HH:mm", "M/d/yyyy h:mm a".'),
  map: z.partialRecord(z.enum(CSV_FIELDS), z.string().min(1)).optional().describe("Canonical field -> the CSV header that holds it."),
  values: z.strictObject({
    role: z.record(z.string(), z.enum(ROLES)).optional().describe('Role words of the export -> canonical roles, e.g. {"end-user": customer}.'),
    type: z.record(z.string(), z.string()).optional(),
    channel: z.record(z.string(), z.string()).optional(),
  }).optional(),
});

export const gatesSchema = z.strictObject({
  fail_under: z.number().min(0).max(100).optional().describe("Fail (exit 1) when the audit's score is below this."),
  fail_on: z.enum(SEVERITIES).optional().describe("Fail (exit 1) when any finding is of this severity or worse."),
});

const ruleId = z.string().regex(/^[a-z0-9][a-z0-9-_.]*$/, "rule ids are lower-case words joined by '-' (like slow-first-response)");

export const ruleSetFileSchema = z.strictObject({
  $schema: z.string().optional(),
  extends: z.union([z.string(), z.array(z.string())]).optional(),
  timezone: timezone.optional(),
  input: inputSchema.optional(),
  business_hours: businessHoursSchema.optional(),
  gates: gatesSchema.optional(),
  lexicons: z.union([z.string(), z.array(z.string())]).optional()
    .describe("Phrase lexicon files or folders (relative to this file), added to the bundled rules/lexicons/."),
  rules: z
    .record(ruleId, z.union([z.literal("off"), z.record(z.string(), z.unknown())], { error: "expected a rule (a map of its keys) or off" }), {
      error: "expected a map from rule id to rule (slow-reply: off, or slow-reply: { limit: 4h })",
    })
    .optional(),
});
export type RuleSetFile = z.output<typeof ruleSetFileSchema>;

const COMMON_KEYS = new Set([...Object.keys(commonRuleFields), "overrides"]);
export const isCommonKey = (key: string) => COMMON_KEYS.has(key);

/** The full schema of one rule of a type: common keys, overrides and the type's params. */
export function ruleSchemaFor(typeName: string) {
  const type = ruleTypes.get(typeName)!;
  const paramsShape = type.params.shape;
  return z.strictObject({
    ...commonRuleFields,
    type: z.literal(typeName),
    overrides: z.array(z.strictObject({ where: whereSchema, ...z.object(paramsShape).partial().shape })).default([]),
    ...paramsShape,
  });
}

/** JSON Schema of a rule set file, for editors: `# yaml-language-server: $schema=...`. */
export function ruleSetJsonSchema(): unknown {
  const typed = [...ruleTypes.keys()].map((name) => ruleSchemaFor(name).describe(ruleTypes.get(name)!.summary));
  const partial = z.strictObject({ ...z.object(commonRuleFields).partial().omit({ type: true }).shape }).catchall(z.unknown())
    .describe("Changes to a rule inherited through `extends` (severity, weight, limits...).");
  const file = ruleSetFileSchema.extend({
    rules: z.record(ruleId, z.union([z.literal("off"), ...typed, partial])).optional(),
  });
  return z.toJSONSchema(file, { io: "input", unrepresentable: "any", target: "draft-7" });
}
