// The canonical conversation model (SPEC section 1) as the rest of the tool sees it:
// validated, times parsed to epoch milliseconds, events sorted.

export const SOURCES = ["ticket", "call"] as const;
export const CHANNELS = ["email", "chat", "phone", "social", "sms", "web", "other"] as const;
export const ROLES = ["customer", "agent", "bot", "system"] as const;
export const EVENT_TYPES = ["message", "queue", "answer", "hold", "transfer", "status", "feedback", "note"] as const;
export const STATUSES = ["new", "open", "pending", "solved", "closed", "reopened"] as const;

export type Source = (typeof SOURCES)[number];
export type Channel = (typeof CHANNELS)[number];
export type Role = (typeof ROLES)[number];
export type EventType = (typeof EVENT_TYPES)[number];
export type Status = (typeof STATUSES)[number];

export interface ConversationEvent {
  /** Epoch milliseconds. */
  at: number;
  /** The time as written in the input, for evidence. */
  atText: string;
  type: EventType;
  role?: Role;
  agent?: string;
  team?: string;
  text?: string;
  /** false for internal notes; a `note` event is never public. */
  public: boolean;
  duration_s?: number;
  queue?: string;
  abandoned?: boolean;
  to_agent?: string;
  to_team?: string;
  status?: Status;
  score?: number;
  scale?: number;
  comment?: string;
  /** Position in the input, so that sorting by time is stable. */
  index: number;
}

export interface Conversation {
  id: string;
  source?: Source;
  channel?: Channel;
  created_at: number;
  createdText: string;
  closed_at?: number;
  priority?: string;
  queue?: string;
  customer?: string;
  language?: string;
  tags: string[];
  events: ConversationEvent[];
  /** Any other keys of the input record, kept as they were. */
  extra: Record<string, unknown>;
}

/** Where a record came from, for rejections and evidence. */
export interface Origin {
  file: string;
  line: number;
}

/** Agents who took part, in order of first appearance. */
export function agentsOf(conversation: Conversation): string[] {
  const seen = new Set<string>();
  for (const event of conversation.events) {
    if (event.agent) seen.add(event.agent);
    if (event.to_agent) seen.add(event.to_agent);
  }
  return [...seen];
}

export function teamsOf(conversation: Conversation): string[] {
  const seen = new Set<string>();
  for (const event of conversation.events) {
    if (event.team) seen.add(event.team);
    if (event.to_team) seen.add(event.to_team);
  }
  return [...seen];
}

export const isPublicAgentMessage = (event: ConversationEvent): boolean =>
  event.type === "message" && event.role === "agent" && event.public;

export const isCustomerMessage = (event: ConversationEvent): boolean =>
  event.type === "message" && event.role === "customer";
