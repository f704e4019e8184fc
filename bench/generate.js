// Writes a synthetic export of N conversations (canonical JSON Lines, or the events CSV) for
// benchmarks: a mix of channels, calls with queues and holds, transfers and ratings.
import { createWriteStream } from "node:fs";

const CHANNELS = ["email", "web", "chat", "social", "sms", "phone"];
const AGENTS = Array.from({ length: 60 }, (_, i) => `agent.${i}`);
const TEAMS = ["billing", "technical", "orders", "returns", "sales"];
const TEXTS = [
  "My refund for order 5512 never arrived, it has been two weeks.",
  "I cannot log in since the update, the app says invalid credentials.",
  "Could you change the delivery address of my order to Calle Mayor 12?",
  "Thanks, that worked!",
  "The invoice lists 12 seats but we only have 8. Which one is right?",
];

/** A small deterministic PRNG so every run measures the same data. */
function random(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export function* conversations(count, seed = 42) {
  const rnd = random(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const start = Date.parse("2026-11-02T08:00:00Z");
  for (let i = 0; i < count; i++) {
    const channel = pick(CHANNELS);
    let t = start + Math.floor(rnd() * 7 * 86400) * 1000;
    const iso = () => new Date(t).toISOString();
    const created = iso();
    const events = [];
    let agent = pick(AGENTS);
    if (channel === "phone") {
      const wait = Math.floor(rnd() * 400);
      events.push({ at: iso(), type: "queue", duration_s: wait, queue: pick(TEAMS), abandoned: rnd() < 0.05 });
      t += wait * 1000;
      events.push({ at: iso(), type: "answer", agent, team: pick(TEAMS) });
    }
    const turns = 2 + Math.floor(rnd() * 8);
    for (let k = 0; k < turns; k++) {
      t += Math.floor(rnd() * (channel === "chat" ? 600 : 40000)) * 1000;
      events.push({ at: iso(), type: "message", role: "customer", text: pick(TEXTS) });
      if (rnd() < 0.1) {
        const to = pick(AGENTS);
        events.push({ at: iso(), type: "transfer", agent, to_agent: to, to_team: pick(TEAMS) });
        agent = to;
      }
      if (channel === "phone" && rnd() < 0.3) events.push({ at: iso(), type: "hold", agent, duration_s: Math.floor(rnd() * 240) });
      t += Math.floor(rnd() * (channel === "chat" ? 400 : 90000)) * 1000;
      events.push({ at: iso(), type: "message", role: "agent", agent, team: pick(TEAMS), text: "Thanks for the details, I have fixed it on our side." });
    }
    if (rnd() < 0.3) events.push({ at: iso(), type: "feedback", score: 1 + Math.floor(rnd() * 5), scale: 5 });
    yield { id: `B-${i}`, source: channel === "phone" ? "call" : "ticket", channel, created_at: created, queue: pick(TEAMS), events };
  }
}

export async function writeJsonl(path, count) {
  const out = createWriteStream(path);
  for (const c of conversations(count)) if (!out.write(JSON.stringify(c) + "\n")) await new Promise((r) => out.once("drain", r));
  await new Promise((r) => out.end(r));
}

export async function writeCsv(path, count) {
  const out = createWriteStream(path);
  out.write("conversation_id,channel,at,type,role,agent,team,text,duration_s,queue,to_agent,to_team,score,scale\n");
  const q = (v) => (v === undefined ? "" : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  for (const c of conversations(count)) {
    for (const e of c.events) {
      const row = [c.id, c.channel, e.at, e.type, e.role, e.agent, e.team, e.text, e.duration_s, e.queue, e.to_agent, e.to_team, e.score, e.scale].map(q).join(",");
      if (!out.write(row + "\n")) await new Promise((r) => out.once("drain", r));
    }
  }
  await new Promise((r) => out.end(r));
}
