import { describe, expect, it } from "vitest";
import { defaultLexicons } from "../../src/text/lexicon.js";
import { ownText } from "../../src/text/reply.js";
import { featuresOf, similarity } from "../../src/text/similarity.js";

const stopwords = defaultLexicons().stopwords;
const sim = (a: string, b: string) => similarity(featuresOf(a, stopwords), featuresOf(b, stopwords));

describe("similarity", () => {
  it("scores a restatement in other words and order high, in every script", () => {
    expect(sim(
      "I was charged twice for my monthly subscription on March 1st, both charges are still on my statement.",
      "My monthly subscription was charged twice on March 1st and both charges still show on the statement.",
    )).toBeGreaterThan(0.6);
    expect(sim(
      "Поръчката ми от миналата седмица пристигна със счупен екран на телефона.",
      "Телефонът от поръчката ми миналата седмица пристигна със счупен екран.",
    )).toBeGreaterThan(0.6);
    expect(sim("我的訂單上週寄到的時候手機螢幕是破的。", "上週寄到的訂單，手機螢幕是破的。")).toBeGreaterThan(0.6);
  });

  it("scores a follow-up with new facts low", () => {
    expect(sim(
      "My laptop battery drains from full to empty in about an hour, even when idle.",
      "The diagnostic reported cell failure code 3. I bought it 14 months ago at your Berlin store, receipt attached.",
    )).toBeLessThan(0.2);
  });

  it("leaves out numbers, URLs, e-mail addresses, @handles and accents", () => {
    const a = featuresOf("@AcmeCare order 5512 https://acme.example/orders/5512 me@x.example", stopwords);
    expect(a.size).toBe(1); // "order"
    expect(sim("Tôi đã trả lại áo khoác xanh ba tuần trước", "toi da tra lai ao khoac xanh ba tuan truoc")).toBe(1);
  });

  it("counts content, not greetings and thanks", () => {
    expect(featuresOf("Hi, thanks so much!", stopwords).size).toBe(0);
    expect(featuresOf("谢谢你", stopwords).size).toBe(0);
  });
});

describe("ownText", () => {
  it("drops quoted history and the signature of an e-mail reply", () => {
    const reply = "Yes, that's correct now.\n\nOn Tue, 3 Mar 2026, Ivan wrote:\n> Hi Maria, I removed the monitor.";
    expect(ownText(reply)).toBe("Yes, that's correct now.");
    expect(ownText("It works now.\n--\nMaria Lopez\nHead of Operations")).toBe("It works now.");
    expect(ownText("Sí, ahora está bien.\n\nEl mar, 3 mar 2026, Iván escribió:\n> Hola")).toBe("Sí, ahora está bien.");
    expect(ownText("> only a quote")).toBe("");
  });

  it("keeps a first line that merely starts like a sign-off", () => {
    expect(ownText("Thanks\nbut it still fails after the update")).toBe("Thanks\nbut it still fails after the update");
  });
});
