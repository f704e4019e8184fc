import type { RuleType } from "./rule.js";
import { feedback } from "./types/feedback.js";
import { phrases } from "./types/phrases.js";
import { repetition } from "./types/repetition.js";
import { responseTime } from "./types/response-time.js";
import { transfers } from "./types/transfers.js";

// Every rule type, by the name a rule's `type:` uses. A new type is one module plus one line here.
const TYPES: RuleType[] = [responseTime, transfers, feedback, repetition, phrases] as unknown as RuleType[];

export const ruleTypes: ReadonlyMap<string, RuleType> = new Map(TYPES.map((t) => [t.name, t]));
