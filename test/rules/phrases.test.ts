import { describe, expect, it } from "vitest";
import { loadRuleSet } from "../../src/rules/load.js";
import { phrases } from "../../src/rules/types/phrases.js";
import { agent, context, conversation, customer } from "../helpers/conversation.js";

// The default rules' parameters, so the tests check what users get.
const rules = new Map(loadRuleSet().rules.map((r) => [r.id, r.params]));
const policyRefusal = phrases.params.parse(rules.get("policy-refusal"));
const escalationRefused = phrases.params.parse(rules.get("escalation-refused"));
const blameShifting = phrases.params.parse(rules.get("blame-shifting"));

const at = (minute: number) => new Date(Date.parse("2026-11-02T09:00:00Z") + minute * 60000).toISOString();
const detect = (p: typeof policyRefusal, events: unknown[], extra: Record<string, unknown> = {}) => phrases.detect(conversation({ events, ...extra }), p, context());
/** A customer asks, the agent answers; more turns follow in order. */
const thread = (...turns: Array<[string, string]>) => turns.map(([who, text], i) => (who === "c" ? customer(at(i), text) : agent(at(i), who, text)));

describe("phrases: policy-refusal", () => {
  it("fires on a refusal justified by policy, quoting the agent and the words that matched", () => {
    const [hit, ...rest] = detect(policyRefusal, thread(["c", "I'd like a refund, I opened them."], ["anna", "Unfortunately, per our policy we cannot refund opened items."]));
    expect(rest).toEqual([]);
    expect(hit!.agent).toBe("anna");
    expect(hit!.evidence).toContain('"Unfortunately, per our policy we cannot refund opened items."');
    expect(hit!.vars.phrase).toBe("policy we cannot");
    expect(hit!.vars.language).toBe("en");
  });

  it("fires in every shipped language", () => {
    const refusals: Record<string, string> = {
      es: "Lo siento, por política de la empresa no podemos hacer reembolsos.",
      vi: "Theo quy định của công ty, chúng tôi không thể hoàn tiền.",
      bg: "Съжалявам, такава е политиката на фирмата.",
      "zh-Hant": "很抱歉，依照公司規定我們無法退款。",
      "zh-Hans": "很抱歉，根据公司规定我们无法退款。",
    };
    for (const [language, text] of Object.entries(refusals)) {
      expect(detect(policyRefusal, thread(["c", "?"], ["anna", text]), { language }), language).toHaveLength(1);
    }
  });

  it("stays quiet when the same turn or the next one offers an alternative or escalation", () => {
    expect(detect(policyRefusal, thread(["c", "Refund please"], ["anna", "Per policy we can't refund tickets, but what I can do is transfer the ticket for free."]))).toEqual([]);
    expect(detect(policyRefusal, thread(["c", "Refund please"], ["anna", "We can't refund after 30 days, it's against our policy."], ["c", "Annoying."], ["anna", "I can offer you a free repair instead."]))).toEqual([]);
    expect(detect(policyRefusal, thread(["c", "Refund please"], ["anna", "I can't reverse charges per our policy, but let me get my supervisor."]))).toEqual([]);
  });

  it("fires on a refusal whose rule and refusal stand in different sentences", () => {
    expect(detect(policyRefusal, thread(["c", "Refund please, they broke."], ["anna", "Unfortunately we can't refund opened items. Our terms are clear on this."]))).toHaveLength(1);
    expect(detect(policyRefusal, thread(["c", "Refund please."], ["anna", "Our refund policy gives you 30 days. I've started the refund now."]))).toEqual([]);
  });

  it("is not cancelled by a 'let me check' written minutes before, nor by 'anything else I can help with?'", () => {
    const events = [
      customer(at(0), "Can I just pay for the crystals again?"),
      agent(at(1), "kenji", "Let me check with the team."),
      agent(at(6), "kenji", "I'm sorry, under our Terms of Service account suspensions for chargebacks are permanent. I'm not able to lift the ban."),
      customer(at(7), "seriously??"),
      agent(at(8), "kenji", "I'm really sorry. Is there anything else I can help you with today?"),
    ];
    expect(detect(policyRefusal, events)).toHaveLength(1);
    // Written just before, as one message split in two, an offer still counts.
    const split = events.map((e, i) => (i === 1 ? { ...e, at: at(5.5), text: "What I can do is refund the crystals as store credit." } : e));
    expect(detect(policyRefusal, split)).toEqual([]);
  });

  it("is not cancelled by an alternative two turns later", () => {
    const events = thread(["c", "Refund please"], ["anna", "It's against our policy."], ["c", "Why?"], ["anna", "Those are the rules."], ["c", "Hm."], ["anna", "I can offer you a voucher instead."]);
    expect(detect(policyRefusal, events)).toHaveLength(1);
  });

  it("stays quiet when a transfer follows the refusal", () => {
    const events = [...thread(["c", "Refund please"], ["anna", "That's our policy, I'm sorry."]), { at: at(5), type: "transfer", agent: "anna", to_team: "billing" }];
    expect(detect(policyRefusal, events)).toEqual([]);
  });

  it("stays quiet on negated and benign uses of the words", () => {
    for (const text of [
      "It's not our policy to charge you for card payments, I've removed the fee.",
      "Our policy is to refund you in full, which I've just done.",
      "You can read our privacy policy here: https://example.com/privacy-policy",
      "Your insurance policy number is 4411-22 and it's active.",
      "Thanks again, it happened again on our side and we fixed it.",
    ]) expect(detect(policyRefusal, thread(["c", "?"], ["anna", text])), text).toEqual([]);
  });

  it("only reads messages of its role, and not internal notes", () => {
    expect(detect(policyRefusal, thread(["c", "Your policy says you can't refund opened items?"], ["anna", "Opened items are fine, refund issued."]))).toEqual([]);
    const note = { at: at(1), type: "note", agent: "anna", text: "That's company policy, nothing I can do." };
    expect(detect(policyRefusal, [customer(at(0), "Refund?"), note])).toEqual([]);
  });

  it("uses the lexicon of the conversation's language only", () => {
    // An English refusal in a conversation tagged Bulgarian is not matched by the Bulgarian lexicon.
    expect(detect(policyRefusal, thread(["c", "?"], ["anna", "That's company policy."]), { language: "bg" })).toEqual([]);
  });
});

describe("phrases: escalation-refused", () => {
  it("fires when the agent declines a request for a manager", () => {
    const [hit] = detect(escalationRefused, thread(["c", "I want to speak to a manager."], ["ben", "There's no manager available, sorry."]));
    expect(hit!.agent).toBe("ben");
  });

  it.each([
    ["Искам да говоря с управител.", "Съжалявам, няма как да ви свържа с управител."],
    ["Quiero hablar con un supervisor.", "No hay manera de pasarle con un supervisor."],
    ["I want to speak to a supervisor.", "There's no way to transfer you to a supervisor."],
  ])("fires on 'there is no way to put you through': %s", (request, refusal) => {
    expect(detect(escalationRefused, thread(["c", request], ["ben", refusal]))).toHaveLength(1);
  });

  it("stays quiet without a request, or when a callback is offered", () => {
    expect(detect(escalationRefused, thread(["c", "Is the store open?"], ["ben", "No need to escalate, it is open until 8."]))).toEqual([]);
    expect(detect(escalationRefused, thread(["c", "Can I talk to your manager?"], ["ben", "The manager isn't available right now, but she will call you back this afternoon."]))).toEqual([]);
  });
});

describe("phrases: blame-shifting", () => {
  it("fires on blaming the customer or another party", () => {
    expect(detect(blameShifting, thread(["c", "Why was I charged?"], ["dan", "You should have read the terms before upgrading."]))).toHaveLength(1);
    expect(detect(blameShifting, thread(["c", "Fake watch!"], ["dan", "That's the seller's problem, not ours."]))).toHaveLength(1);
  });

  it("stays quiet on 'you should have received' and conditionals", () => {
    expect(detect(blameShifting, thread(["c", "Code?"], ["dan", "You should have received an email with the code, I've sent it again."]))).toEqual([]);
    expect(detect(blameShifting, thread(["c", "Code?"], ["dan", "If you didn't get the code, I can resend it now."]))).toEqual([]);
    expect(detect(blameShifting, thread(["c", "My fault?"], ["dan", "This is not your fault at all, we had a glitch."]))).toEqual([]);
  });
});

describe("phrases: parameters", () => {
  it("matches phrases written in the rule, in any language, for any role", () => {
    const p = phrases.params.parse({ role: "any", patterns: ["computer says no", "電腦說不"] });
    expect(detect(p, thread(["c", "Computer says no, apparently."], ["anna", "電腦說不行"]))).toHaveLength(1);
    expect(detect(phrases.params.parse({ role: "any", patterns: ["computer says no"], max_per_conversation: 5 }), thread(["c", "computer says no"], ["anna", "computer says no"]))).toHaveLength(2);
  });

  it("requires a match or patterns, and valid patterns", () => {
    expect(phrases.check!(phrases.params.parse({}))).toEqual(["give phrase groups under 'match' or phrases under 'patterns'"]);
    expect(phrases.params.safeParse({ patterns: ["(unclosed"] }).error?.issues[0]?.message).toMatch(/pattern "\(unclosed": unbalanced/);
  });
});
