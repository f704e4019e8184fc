import { describe, expect, it } from "vitest";
import { fold } from "../../src/text/normalize.js";
import { compilePattern, matchAll, prepare } from "../../src/text/pattern.js";

/** The matched text of a phrase in a message, or undefined. */
function match(phrase: string, message: string, defines: Record<string, string> = {}): string | undefined {
  const text = prepare(fold(message));
  return matchAll(compilePattern(phrase, new Map(Object.entries(defines))), text)[0]?.text;
}

describe("phrase patterns", () => {
  it("match whole words, ignoring case, width and curly apostrophes", () => {
    expect(match("that's company policy", "Sorry, THAT’S company policy.")).toBe("that's company policy");
    expect(match("that's company policy", "Ｔｈａｔ'ｓ ＣＯＭＰＡＮＹ ＰＯＬＩＣＹ")).toBe("that's company policy");
    expect(match("policy", "our policyholders")).toBeUndefined();
    expect(match("no", "I know")).toBeUndefined();
  });

  it("need a word boundary only where the phrase itself ends in a letter of a spaced script", () => {
    expect(match("但(我)?(另外)?送(您|你)", "无法退款，但我另外送您50元券")).toBe("但我另外送您");
    expect(match("polic(y|ies) (number|#)", "my policy #4411 covers it")).toBe("policy #");
    expect(match("refund", "see refunds2go")).toBeUndefined();
    expect(match("refund", "APP退款refund處理")).toBe("refund");
  });

  it("let the apostrophe and the space between words be left out, as people type on phones", () => {
    expect(match("that's our policy", "thats our policy sorry")).toBe("thats our policy");
    expect(match("can not", "we cannot")).toBe("cannot");
  });

  it("use Unicode word boundaries for Cyrillic and Vietnamese, not ASCII \\b", () => {
    expect(match("не можем", "За съжаление не можем да помогнем")).toBe("не можем");
    expect(match("можем", "неможем")).toBeUndefined();
    expect(match("ма", "мама")).toBeUndefined();
    expect(match("nói rồi", "tôi đã nói rồi mà")).toBe("nói rồi");
    expect(match("rồi", "rồii")).toBeUndefined();
  });

  it("match Chinese inside a sentence, since it has no spaces", () => {
    expect(match("公司規定", "很抱歉這是公司規定喔")).toBe("公司規定");
    expect(match("说过", "我已经说过了")).toBe("说过");
  });

  it("support alternatives, optional parts, wildcards and definitions", () => {
    expect(match("(our|company) polic(y|ies)", "company policies say so")).toBe("company policies");
    expect(match("refunds? (are )?final", "refund final")).toBe("refund final");
    expect(match("against * policy", "it is against the store's return policy")).toBe("against the store's return policy");
    expect(match("{boss} (is|are) busy", "the supervisor is busy", { boss: "(manager|supervisor)" })).toBe("supervisor is busy");
    expect(match("\\d+ hours", "on hold for 3 hours")).toBe("3 hours");
  });

  it("keep a wildcard inside one sentence", () => {
    expect(match("against * policy", "It is against. The policy")).toBeUndefined();
  });

  it("need every part of A ~ B in the same sentence, in any order", () => {
    expect(match("policy ~ (can't|cannot)", "We cannot do that because of policy.")).toBe("cannot do that because of policy");
    expect(match("policy ~ (can't|cannot)", "Our policy is clear. We cannot find your order.")).toBeUndefined();
  });

  it("find the parts of A ~~ B anywhere in one message", () => {
    expect(match("(can't|cannot) refund ~~ that's our policy", "We can't refund opened items. That's our policy.")).toBe("can't refund opened items. that's our policy");
    expect(match("(can't|cannot) refund ~~ that's our policy", "We can't refund opened items.")).toBeUndefined();
    expect(() => compilePattern("a ~ b ~~ c")).toThrow(/one of them/);
  });

  it("need the parts of A ~ B on words of their own", () => {
    // "两次" inside "说过两次" is not a second part: a courier said twice he would come.
    expect(match("(已经|两次) ~ 说过两次", "快递员说过两次会来")).toBeUndefined();
    expect(match("(已经|两次) ~ 说过两次", "我已经说过两次了")).toBe("已经说过两次");
  });

  it("match phrases typed without accents when the message has none", () => {
    expect(match("tôi đã nói rồi", "toi da noi roi ma")).toBe("toi da noi roi");
    expect(match("ya lo expliqué", "ya lo explique antes")).toBe("ya lo explique");
    // An accented message must use the accents: "nội" is not "nói".
    expect(match("tôi đã nói rồi", "tôi đã nội rồi")).toBeUndefined();
  });

  it("match Cyrillic phrases in the Latin letters Bulgarian is often typed in, only in Latin text", () => {
    expect(match("вече обясних", "veche obqsnih vsichko na kolegata")).toBe("veche obqsnih");
    expect(match("ужасно обслужване", "uzhasno obsluzhvane")).toBe("uzhasno obsluzhvane");
    expect(match("колко пъти", "abe kolko puti...")).toBe("kolko puti");
    // Cyrillic text keeps its own letters: "вече обяснявам" is not "вече обясних".
    expect(match("вече обясних", "вече обяснявам veche obqsnih")).toBeUndefined();
  });

  it("take /regex/ as written", () => {
    expect(match("/no (?:manager|supervisor)s? available/", "there is no managers available")).toBe("no managers available");
  });

  it("reject bad syntax with a reason", () => {
    expect(() => compilePattern("(unbalanced")).toThrow(/unbalanced "\("/);
    expect(() => compilePattern("{missing} thing")).toThrow(/\{missing\} is not defined/);
    expect(() => compilePattern("/(broken/")).toThrow(/invalid regular expression/);
    expect(() => compilePattern("  ")).toThrow(/empty phrase/);
  });
});
