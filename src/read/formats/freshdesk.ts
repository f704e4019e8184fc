import type { InputFormat } from "../format.js";
import { metricsOnlyEvents, METRICS_ONLY_NOTE } from "./metrics-only.js";
import { Columns, csvHeaderOf, csvRows, headerKey, num, Provenance } from "./vendor-common.js";

// Freshdesk ticket export (Tickets > Export, CSV): one row per ticket with its Description (the
// opening message), times in the helpdesk's zone, and counters, but no conversation. Header
// capitalisation differs between exports ("Created time" / "Created Time"): columns are matched
// on letters and digits only.

function isFreshdesk(head: string): boolean {
  const keys = csvHeaderOf(head).map(headerKey);
  return keys.includes("ticketid") && (keys.includes("createdtime") || keys.includes("firstresponsetimeinhrs") || keys.includes("agentinteractions"));
}

const CHANNEL: Record<string, string> = {
  email: "email", "outbound email": "email", portal: "web", "feedback widget": "web", forum: "web", phone: "phone", chat: "chat",
  twitter: "social", facebook: "social", whatsapp: "social", instagram: "social", "mobihelp": "chat", bot: "chat",
};
const STATUS: Record<string, string> = { open: "open", pending: "pending", resolved: "solved", closed: "closed", "waiting on customer": "pending", "waiting on third party": "pending" };

export const freshdesk: InputFormat = {
  name: "freshdesk",
  description: "Freshdesk ticket CSV export (Ticket ID, Subject, Description, Status, …, Created time, Resolved time, First response time (in hrs), Survey results)",
  detect: ({ head }) => isFreshdesk(head),
  async *read(files, ctx) {
    for (const file of files) {
      let cols: Columns | undefined;
      const seen = new Map<string, number>();
      for await (const row of csvRows(file, (line, reason) => ctx.ledger.reject(file.path, line, reason))) {
        if (!cols) {
          cols = new Columns(row.cells);
          continue;
        }
        const get = (...names: string[]) => cols!.get(row, ...names);
        const id = get("Ticket ID");
        const created = get("Created time");
        if (id === undefined) {
          ctx.ledger.reject(file.path, row.line, "Ticket ID: empty");
          continue;
        }
        if (created === undefined) {
          ctx.ledger.reject(file.path, row.line, `ticket ${id}: Created time is empty`);
          continue;
        }
        if (seen.has(id)) {
          ctx.ledger.reject(file.path, row.line, `ticket ${id} appears twice (first at line ${seen.get(id)})`);
          continue;
        }
        seen.set(id, row.line);
        const source = get("Source")?.toLowerCase();
        const status = STATUS[get("Status")?.toLowerCase() ?? ""];
        const resolved = get("Resolved time");
        const closed = get("Closed time");
        // A time of day when it is one; some exports write the response delay here instead.
        const initial = get("Initial response time");
        const initialAt = initial !== undefined && /^\d{4}-\d{2}-\d{2}/.test(initial) ? initial : undefined;
        const events = metricsOnlyEvents({
          created, firstReplyAt: initialAt, transfers: 0, transfersAt: created,
          assignee: get("Agent"), group: get("Group"), description: get("Description"), descriptionByCustomer: source !== "outbound email",
        });
        if (resolved) events.push({ at: resolved, type: "status", status: "solved", agent: get("Agent"), team: get("Group") });
        if (closed) events.push({ at: closed, type: "status", status: "closed", agent: get("Agent"), team: get("Group") });
        ctx.ledger.note(file.path, METRICS_ONLY_NOTE("the Freshdesk ticket export has the opening description but no conversation", "Initial response time as the first reply; the export counts no transfers"));
        yield new Provenance().add(file.path, row.line).raw({
          id, source: "ticket", channel: source ? CHANNEL[source] ?? "other" : undefined, created_at: created,
          closed_at: closed ?? resolved, priority: get("Priority")?.toLowerCase(), queue: get("Group"),
          customer: get("Contact ID", "Requester ID", "Email", "Requester email", "Full name", "Requester name"),
          tags: get("Tags")?.split(",").map((t) => t.trim()).filter(Boolean), subject: get("Subject"), ticket_type: get("Type"),
          status: status ?? get("Status")?.toLowerCase(), rating: get("Survey results", "Survey result"),
          metrics: Object.fromEntries(Object.entries({
            initial_response: initialAt === undefined ? initial : undefined, first_response_business_hours: get("First response time (in hrs)"), resolution_business_hours: get("Resolution time (in hrs)"),
            agent_interactions: num(get("Agent interactions")), customer_interactions: num(get("Customer interactions")),
            first_response_status: get("First response status"), resolution_status: get("Resolution status"),
          }).filter(([, v]) => v !== undefined)),
          events,
        });
      }
    }
  },
};
