import type { z } from "zod";
import type { Conversation } from "../model.js";
import type { BusinessCalendar } from "../time/business-hours.js";
import type { LexiconSet } from "../text/lexicon.js";
import type { Severity, Where } from "./fields.js";

/** What a detector reports; the engine turns it into a finding with the rule's message. */
export interface Detection {
  at?: number;
  agent?: string;
  team?: string;
  /** The quoted message, the times: what a QA lead reads to agree or not. */
  evidence: string;
  /** Values for the message template's placeholders. */
  vars: Record<string, string | number>;
}

/** What detectors may consult besides the conversation. */
export interface RuleContext {
  /** The business calendar of the rule set, if it has one. */
  calendar?: BusinessCalendar;
  /** "Now" for things still waiting at the end of the export (an unanswered question). */
  asOf: number;
  /** Time zone that evidence times are written in. */
  timezone: string;
  /** Phrase lexicons of the rule set; text rules fall back to the bundled ones (rules/lexicons/). */
  lexicons?: LexiconSet;
}

/** A rule as configured: common fields plus its type's parameters (already parsed). */
export interface Rule<P = Record<string, unknown>> {
  id: string;
  type: string;
  description: string;
  severity: Severity;
  weight: number;
  where?: Where;
  message?: string;
  rationale?: string;
  /** The type's parameters, parsed. */
  params: P;
  /** Parameter changes (as written) for the conversations an override's `where` matches, in order. */
  overrides: Array<{ where: Where; params: Record<string, unknown> }>;
  /** The parameters as written, so overrides merge with what the user wrote, not with defaults. */
  rawParams: Record<string, unknown>;
  /** The file that last defined the rule. */
  file: string;
}

/**
 * One kind of check. Its module holds its parameter schema, its detector and its docs; a
 * rule in the YAML picks one with `type:` (as Vale's rule types do).
 */
export interface RuleType<S extends z.ZodObject = z.ZodObject> {
  name: string;
  summary: string;
  /** The type's own parameters; unknown keys are rejected. */
  params: S;
  /** Placeholders a `message` template may use, beyond the common ones. */
  vars: readonly string[];
  defaultMessage: string;
  /** Markdown for `support-audit explain` and the README. */
  docs: string;
  /** Problems with a combination of parameters that the schema alone cannot express. */
  check?(params: z.output<S>): string[];
  detect(conversation: Conversation, params: z.output<S>, ctx: RuleContext): Detection[];
}

/** Placeholders every message may use. */
export const COMMON_VARS = ["id", "channel", "queue", "priority", "agent", "team", "rule"] as const;
