import { describe, expect, it } from "vitest";
import { repetition } from "../../src/rules/types/repetition.js";
import { agent, context, conversation, customer } from "../helpers/conversation.js";

const params = repetition.params.parse({});
const transfer = (at: string, from: string, to: string) => ({ at, type: "transfer", agent: from, to_agent: to });
const detect = (events: unknown[], p = params, extra: Record<string, unknown> = {}) => repetition.detect(conversation({ events, ...extra }), p, context());

const EXPLANATION = "My washing machine stops mid-cycle with error E21 and leaves the drum full of water since the technician visit last Tuesday.";
const RESTATED = "The washing machine halts in the middle of a cycle, shows error E21 and the drum stays full of water, since your technician came last Tuesday.";
const handedOver = (after: string) => [
  customer("2026-11-02T09:00:00Z", EXPLANATION),
  agent("2026-11-02T09:05:00Z", "anna", "Sorry! Passing you to the appliance team."),
  transfer("2026-11-02T09:06:00Z", "anna", "ben"),
  agent("2026-11-02T09:10:00Z", "ben", "Hi, Ben here. What seems to be the problem?"),
  customer("2026-11-02T09:12:00Z", after),
];

describe("repetition", () => {
  it("fires when the customer restates the problem after a transfer, quoting both and naming both agents", () => {
    const [hit, ...rest] = detect(handedOver(RESTATED));
    expect(rest).toEqual([]);
    expect(hit!.agent).toBe("ben");
    expect(hit!.vars).toMatchObject({ before: "anna", after: "ben", handoff: "after the handoff from anna to ben" });
    expect(hit!.evidence).toContain('first explained 2026-11-02T09:00:00Z: "My washing machine stops');
    expect(hit!.evidence).toContain('again 2026-11-02T09:12:00Z: "The washing machine halts');
    expect(Number(hit!.vars.similarity)).toBeGreaterThan(0.5);
  });

  it("fires after a different agent starts replying, without a transfer event", () => {
    const events = [
      customer("2026-11-02T09:00:00Z", "I was charged twice for my monthly subscription on March 1st, both charges are still on my card statement."),
      agent("2026-11-02T09:05:00Z", "lisa", "Checking your account now."),
      agent("2026-11-02T10:00:00Z", "mark", "Hi, Mark taking over. How can I help?"),
      customer("2026-11-02T10:02:00Z", "My monthly subscription was charged twice on March 1st and both charges still show on my card statement."),
    ];
    expect(detect(events)[0]!.vars).toMatchObject({ before: "lisa", after: "mark" });
    expect(detect(events, repetition.params.parse({ count_handoffs: false }))).toEqual([]);
  });

  it("counts a new sign-off on a shared brand account as a handoff", () => {
    const events = [
      customer("2026-11-02T09:00:00Z", "@Glowphone my phone screen went black after the update last night, it still vibrates when someone calls"),
      agent("2026-11-02T09:05:00Z", "Glowphone", "@ritz_a Oh no! I'll get one of our device experts on this ^HL"),
      agent("2026-11-02T09:20:00Z", "Glowphone", "@ritz_a Hi! Sorry for the wait, what seems to be the issue? ^PM"),
      customer("2026-11-02T09:25:00Z", "@Glowphone screen is black since the update last night but the phone still vibrates on calls"),
    ];
    expect(detect(events)[0]!.vars).toMatchObject({ before: "Glowphone^HL", after: "Glowphone^PM" });
    // The same agent signing every reply is no handoff.
    const sameAgent = events.map((e) => ("agent" in e && typeof e.text === "string" ? { ...e, text: e.text.replace("^PM", "^HL") } : e));
    expect(detect(sameAgent)).toEqual([]);
  });

  it("credits an unsigned reply that names the next signer to that signer ('it's Mo, picking this up')", () => {
    const events = [
      customer("2026-11-02T09:00:00Z", "My smart meter stopped sending readings back in January and ever since you've been estimating. Latest bill is double what I normally pay."),
      agent("2026-11-02T09:05:00Z", "Brightgrid", "Sorry about this, could you DM us your account number? -Dana"),
      agent("2026-11-02T10:00:00Z", "Brightgrid", "Hi, it's Mo from the social team, picking this up from my colleague. What seems to be the issue?"),
      customer("2026-11-02T10:05:00Z", "My smart meter has not sent readings since January so you keep estimating, and the latest bill is double what I normally pay."),
      agent("2026-11-02T10:10:00Z", "Brightgrid", "I've booked an engineer. -Mo"),
    ];
    expect(detect(events)[0]!.vars).toMatchObject({ before: "Brightgrid^Dana", after: "Brightgrid^Mo" });
  });

  it("counts an agent saying they are taking over as a handoff on an account that does not sign", () => {
    const events = (takeover: string) => [
      customer("2026-11-02T09:00:00Z", "@Glowphone my phone screen went black after the update last night, it still vibrates when someone calls"),
      agent("2026-11-02T09:05:00Z", "Glowphone", "@ritz_a Oh no! Let me check with our device experts."),
      agent("2026-11-02T09:40:00Z", "Glowphone", takeover),
      customer("2026-11-02T09:45:00Z", "@Glowphone screen is black since the update last night but the phone still vibrates on calls"),
    ];
    expect(detect(events("@ritz_a Hi, picking this up from my colleague. What's going on with the phone?"))[0]!.vars).toMatchObject({ before: "Glowphone", after: "Glowphone #2" });
    expect(detect(events("@ritz_a Thanks for waiting! What's going on with the phone?"))).toEqual([]);
    expect(detect(events("@ritz_a Hi, picking this up from my colleague."), repetition.params.parse({ takeover: [] }))).toEqual([]);
  });

  it("keeps the agent's own name when each agent signs alone (only a shared account is split by sign-off)", () => {
    const signed = handedOver(RESTATED).map((e) => ("agent" in e && e.agent === "ben" && "text" in e ? { ...e, text: `${e.text} -Ben` } : e));
    const [hit, ...rest] = detect(signed);
    expect(rest).toEqual([]);
    expect(hit!.vars).toMatchObject({ before: "anna", after: "ben" });
  });

  it("reads the looser claim wordings only in the first messages after a handoff", () => {
    const loose = "I've typed the whole story out earlier";
    const [hit] = detect(handedOver(loose));
    expect(hit?.evidence).toContain("says so");
    const noHandoff = [
      customer("2026-11-02T09:00:00Z", EXPLANATION),
      agent("2026-11-02T09:05:00Z", "anna", "Sorry! Could you tell me more?"),
      customer("2026-11-02T09:12:00Z", loose),
    ];
    expect(detect(noHandoff)).toEqual([]);
  });

  it("fires on the customer saying they explained already, in any shipped language", () => {
    const claims = { en: "I already told your colleague all of this!", "zh-Hant": "我已經說過了！", vi: "tôi đã nói rồi mà", bg: "Вече обясних на колегата ви.", es: "Ya lo expliqué a su compañera." };
    for (const [language, claim] of Object.entries(claims)) {
      const [hit] = detect(handedOver(claim), params, { language });
      expect(hit?.evidence, claim).toContain("says so");
    }
  });

  it("stays quiet on greetings, thanks, an order number alone and signatures after a handoff", () => {
    for (const after of ["Hi Ben, thanks!", "Order #55123", "Thanks again, you have been very helpful!", "It works now.\n--\nMaria Lopez\nHead of Operations"]) {
      expect(detect(handedOver(after)), after).toEqual([]);
    }
  });

  it("stays quiet on a follow-up that brings new facts, and on 'it happened again'", () => {
    expect(detect(handedOver("The diagnostic shows code 7 on the pump. The machine is 14 months old, bought at your Berlin store, receipt attached."))).toEqual([]);
    expect(detect(handedOver("It happened again this morning, but only on the quick programme."))).toEqual([]);
  });

  it("stays quiet on a status update answering the new agent's question about the outcome", () => {
    const events = [
      customer("2026-11-02T09:00:00Z", "My internet has been down since 6am, the modem light is blinking orange."),
      agent("2026-11-02T09:05:00Z", "ana", "There's an outage in your area, we're working on it."),
      agent("2026-11-02T10:00:00Z", "ben", "Hi, checking in: is your connection back?"),
      customer("2026-11-02T10:05:00Z", "Still down, the modem light is still blinking orange since 6am."),
    ];
    expect(detect(events)).toEqual([]);
    expect(detect(events, repetition.params.parse({ updates: [] }))).toHaveLength(1);
  });

  it("stays quiet when the repeat is only quoted history in an e-mail reply", () => {
    const reply = `Yes, the new appointment on Friday works for me.\n\nOn Mon, 2 Nov 2026, Anna wrote:\n> ${EXPLANATION}`;
    expect(detect(handedOver(reply))).toEqual([]);
  });

  it("does not count a customer repeating to the same agent as a handoff repeat", () => {
    const events = [
      customer("2026-11-02T09:00:00Z", EXPLANATION),
      agent("2026-11-02T09:05:00Z", "anna", "Let me check."),
      customer("2026-11-02T10:00:00Z", RESTATED),
    ];
    expect(detect(events)).toEqual([]);
    // ...but a customer who says they are repeating themselves is reported, handoff or not.
    events[2] = customer("2026-11-02T10:00:00Z", `As I said before: ${RESTATED}`);
    expect(detect(events)[0]!.vars.handoff).toBe("to anna (says so)");
  });

  it("compares the first messages after a handoff that explain something: short answers do not use up the window", () => {
    const events = [
      customer("2026-11-02T09:00:00Z", EXPLANATION),
      agent("2026-11-02T09:05:00Z", "anna", "Sorry! Passing you to the appliance team."),
      transfer("2026-11-02T09:06:00Z", "anna", "ben"),
      agent("2026-11-02T09:10:00Z", "ben", "Hi, Ben here. Which model is it?"),
      customer("2026-11-02T09:11:00Z", "WM-8."),
      agent("2026-11-02T09:12:00Z", "ben", "Bought when?"),
      customer("2026-11-02T09:13:00Z", "2024"),
      agent("2026-11-02T09:14:00Z", "ben", "And under warranty?"),
      customer("2026-11-02T09:15:00Z", "Yes."),
      agent("2026-11-02T09:16:00Z", "ben", "So what is the problem?"),
      customer("2026-11-02T09:17:00Z", RESTATED),
    ];
    expect(detect(events)[0]!.vars.repeat).toContain("The washing machine halts");
  });

  it("takes a looser retelling for a repeat when the new agent asked what the problem is", () => {
    const FIRST = "Hi, my fibre keeps dropping every night somewhere between 8 and 11pm. The light on the ONT box goes red for a few seconds, then everything comes back on its own. It started last Tuesday, right after your engineer swapped the box.";
    const RETOLD = "Since the new box went in last Tuesday the connection cuts out in the evenings, roughly 8 till 11. The ONT light flashes red briefly and then it reconnects by itself.";
    const thread = (question: string) => [
      customer("2026-11-02T09:00:00Z", FIRST),
      agent("2026-11-02T09:05:00Z", "anna", "Thanks, moving you to our Faults team."),
      transfer("2026-11-02T09:06:00Z", "anna", "farid"),
      agent("2026-11-02T09:10:00Z", "farid", question),
      customer("2026-11-02T09:12:00Z", RETOLD),
    ];
    const [hit] = detect(thread("Hi, Farid from Faults here. What can I help you with this evening?"));
    expect(Number(hit!.vars.similarity)).toBeLessThan(params.min_similarity);
    expect(hit!.vars.after).toBe("farid");
    // Without the question the same overlap is not enough; nor is a short follow-up sharing two words.
    expect(detect(thread("Hi, Farid here. I've read the notes, give me a minute."))).toEqual([]);
    expect(detect(thread("Hi, Farid here. What can I help you with?").map((e, i) => (i === 4 ? { ...e, text: "The light was fine tonight, but can the engineer come on Thursday instead?" } : e)))).toEqual([]);
  });

  it("leaves out the signature block a customer ends every e-mail with, but not a pasted repeat", () => {
    const SIGNATURE = "\n\nJohn Lee, Accounts Manager\nHarbour Trading Ltd\nTel: 02-2345-6789 ext 201\nCONFIDENTIAL: this e-mail may contain privileged information; if you are not the addressee, delete it and tell the sender.";
    const FIRST = `Hello,\nWe want to add a second authoriser to our business online banking. Which documents do you need?${SIGNATURE}`;
    const thread = (after: string) => [
      customer("2026-11-02T09:00:00Z", FIRST),
      agent("2026-11-02T10:00:00Z", "tsai", "We need the change form and the authoriser's ID."),
      agent("2026-11-03T09:00:00Z", "hsieh", "Hello, I'm taking over from Ms Tsai. Are the documents ready?"),
      customer("2026-11-03T09:30:00Z", after),
    ];
    expect(detect(thread(`Hello,\nThe documents are ready. Can the authoriser have a single-transfer limit of 500,000?${SIGNATURE}`))).toEqual([]);
    expect(detect(thread(FIRST))).toHaveLength(1);
  });

  it("fires when a story first told over several messages is told again in one", () => {
    const events = [
      customer("2026-11-02T09:00:00Z", "No battery came out of the swap station"),
      customer("2026-11-02T09:01:00Z", "Riverside Plaza"),
      customer("2026-11-02T09:02:00Z", "Payment went through anyway"),
      customer("2026-11-02T09:03:00Z", "Waited by the road half an hour"),
      agent("2026-11-02T09:10:00Z", "eddie", "So sorry! We've told the station team and will refund the charge."),
      agent("2026-11-02T11:00:00Z", "judy", "Hello, this is Judy, I have your case now."),
      customer("2026-11-02T11:05:00Z", "Riverside Plaza station, payment went through, no battery came out, waited half an hour by the road. Still no refund."),
    ];
    const [hit] = detect(events);
    expect(hit!.vars.after).toBe("judy");
    expect(hit!.evidence).toMatch(/% told before\)$/);
    expect(detect(events, repetition.params.parse({ min_told: 0.95 }))).toEqual([]);
  });

  it("leaves out the ending a customer closes every message with on the same line", () => {
    const SIGNED = " ——王太太 0912-345-xxx";
    const events = [
      customer("2026-11-02T09:00:00Z", `您好，我是訂閱腎臟處方飼料的王太太，這個月想改成兩包，因為家裡又多養了一隻貓。${SIGNED}`),
      agent("2026-11-02T09:05:00Z", "小芸", "王太太好～請問第二包也是腎臟處方的嗎？"),
      customer("2026-11-02T09:10:00Z", `不是，新來的是幼貓，要幼貓糧，三個月大。${SIGNED}`),
      agent("2026-11-02T09:20:00Z", "Grace", "王太太您好，我是營養師Grace，接手幫您調整訂閱。想請問幼貓目前體重多少？"),
      customer("2026-11-02T09:25:00Z", `1.4公斤，之前中途給的是皇家的離乳貓。${SIGNED}`),
    ];
    expect(detect(events, params, { language: "zh-Hant" })).toEqual([]);
  });

  it("leaves out the name a customer signs each message with", () => {
    const events = [
      customer("2026-11-02T09:00:00Z", "Chào shop ạ, em đặt bộ chăn ga lụa màu be, đơn #MM5521, khi nào giao ạ? – Ngọc Ánh"),
      agent("2026-11-02T09:05:00Z", "Shop", "Đơn của em đã gửi hôm qua nhé -Vy"),
      agent("2026-11-02T15:00:00Z", "Shop", "Chào Ánh, mình là Khoa ca chiều. Vỏ gối màu be còn hàng -Khoa"),
      customer("2026-11-02T15:05:00Z", "Dạ em đặt 2 cái rồi ạ, đơn #MM5790. Cảm ơn shop nhiều. – Ngọc Ánh"),
    ];
    expect(detect(events, params, { language: "vi" })).toEqual([]);
  });

  it("takes a full explanation given again, in other words, when the new agent asks what the problem is", () => {
    const FIRST = "Dear team, we booked the twelve-day Peru highlights tour for two people departing on the second of May. The local operator emailed to say the departure has been cancelled for lack of numbers. We paid the full price and would like our money back, not another date.";
    const thread = (question: string, answer: string) => [
      customer("2026-11-02T09:00:00Z", FIRST),
      agent("2026-11-02T10:00:00Z", "gemma", "Thank you, I'm checking with the operator."),
      transfer("2026-11-03T09:00:00Z", "gemma", "paul"),
      agent("2026-11-03T09:05:00Z", "paul", question),
      customer("2026-11-03T09:30:00Z", answer),
    ];
    // One word in common ("tour"): a retelling, not a restatement.
    const RETOLD = "The trip was called off by the tour company, not by us. My husband and I can only get away from work that fortnight, so moving it is no use; we need every penny returned to the card we used for the booking.";
    expect(detect(thread("Hello, I'm following up. Could you tell me what the issue is?", RETOLD))).toHaveLength(1);
    expect(detect(thread("Hello, I'm following up. Could you tell me what the issue is?", RETOLD), repetition.params.parse({ asked_min_overlap: 0.99 }))).toEqual([]);
    // Not asked to start over, or a different matter told at length, it is no repeat.
    expect(detect(thread("Hello, I'm following up on your booking.", RETOLD))).toEqual([]);
    expect(detect(thread("Hello, could you tell me what the issue is?", "Separately, my mother wants to book a cruise around Norway in August for her seventieth birthday with her sister, on a small ship with a doctor on board, if you have one."))).toEqual([]);
  });

  it("does not compare a message the customer marks as news ('Update:'), but still reads claims in it", () => {
    const update = `Update: ${RESTATED}`;
    expect(detect(handedOver(update))).toEqual([]);
    expect(detect(handedOver(update), repetition.params.parse({ follow_ups: [] }))).toHaveLength(1);
    // The marker is a label at the start, not the word inside the story ("since the update,").
    expect(detect(handedOver(`Since the update, ${RESTATED}`))).toHaveLength(1);
  });

  it("uses its thresholds as parameters", () => {
    // ("What seems to be the problem?" asks the customer to start over: asked_similarity applies.)
    expect(detect(handedOver(RESTATED), repetition.params.parse({ min_similarity: 0.99, asked_similarity: 0.99, asked_min_overlap: 0.99, min_told: 0.99 }))).toEqual([]);
    expect(detect(handedOver(RESTATED), repetition.params.parse({ min_similarity: 0.99, asked: [], min_told: 0.99 }))).toEqual([]);
    expect(detect(handedOver(RESTATED), repetition.params.parse({ min_words: 40 }))).toEqual([]);
    expect(detect(handedOver("I already told your colleague all of this!"), repetition.params.parse({ claims: [] }))).toEqual([]);
  });

  it("reports at most max_per_conversation findings on a long thread with many handoffs", () => {
    const events: unknown[] = [];
    for (let i = 0; i < 200; i++) {
      const at = (m: number) => new Date(Date.parse("2026-11-02T09:00:00Z") + (i * 4 + m) * 60000).toISOString();
      events.push(customer(at(0), EXPLANATION), agent(at(1), i % 2 ? "anna" : "ben", "Let me look."));
    }
    expect(detect(events)).toHaveLength(params.max_per_conversation);
  });
});
