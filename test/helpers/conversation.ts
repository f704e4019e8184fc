import { toConversation } from "../../src/read/canonical.js";
import type { Conversation } from "../../src/model.js";
import type { RuleContext } from "../../src/rules/rule.js";

/** A canonical record (as a user would write it) to a validated conversation. */
export function conversation(record: Record<string, unknown>, zone = "UTC"): Conversation {
  const result = toConversation({ id: "T-1", channel: "email", created_at: "2026-11-02T09:00:00Z", ...record }, zone);
  if (!result.ok) throw new Error(`test conversation is invalid: ${result.reason}`);
  return result.conversation;
}

export const customer = (at: string, text: string) => ({ at, type: "message", role: "customer", text });
export const agent = (at: string, who: string, text: string, extra: Record<string, unknown> = {}) => ({ at, type: "message", role: "agent", agent: who, text, ...extra });

export const context = (overrides: Partial<RuleContext> = {}): RuleContext => ({ asOf: Date.parse("2026-12-01T00:00:00Z"), timezone: "UTC", ...overrides });
