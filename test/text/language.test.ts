import { describe, expect, it } from "vitest";
import { detectLanguages, lexiconsFor } from "../../src/text/language.js";
import { defaultLexicons } from "../../src/text/lexicon.js";
import { customer, conversation } from "../helpers/conversation.js";

const chosen = (record: Record<string, unknown>) => lexiconsFor(conversation(record), defaultLexicons()).map((l) => l.language).sort();
const saying = (text: string, language?: string) => ({ ...(language ? { language } : {}), events: [customer("2026-11-02T09:00:00Z", text)] });

describe("language choice", () => {
  it("uses the conversation's language tag, by exact tag, region or script subtag", () => {
    expect(chosen(saying("hello", "en-US"))).toEqual(["en"]);
    expect(chosen(saying("hola", "es"))).toEqual(["es"]);
    expect(chosen(saying("你好", "zh-TW"))).toEqual(["zh-Hant"]);
    expect(chosen(saying("你好", "zh-Hans-CN"))).toEqual(["zh-Hans"]);
    expect(chosen(saying("你好", "zh"))).toEqual(["zh-Hans", "zh-Hant"]);
  });

  it("detects the language from the messages when no tag is given", () => {
    expect(chosen(saying("Buenos días, mi pedido todavía no ha llegado y necesito que me ayuden con el reembolso."))).toEqual(["es"]);
    expect(chosen(saying("Chào shop, đơn hàng của tôi vẫn chưa được giao, kiểm tra giúp tôi với."))).toEqual(["vi"]);
    expect(chosen(saying("Здравейте, поръчката ми още не е пристигнала, моля проверете."))).toEqual(["bg"]);
    expect(chosen(saying("我的訂單到現在還沒有收到，請幫我查詢一下。"))).toEqual(["zh-Hant"]);
    expect(chosen(saying("我的订单到现在还没有收到，请帮我查询一下。"))).toEqual(["zh-Hans"]);
    expect(chosen(saying("Hello, my order still has not arrived and I would like to know where it is."))).toEqual(["en"]);
  });

  it("keeps close runners-up, so Vietnamese typed without accents still gets its lexicon", () => {
    expect(chosen(saying("toi da noi roi ma, don hang cua toi van chua toi, kiem tra giup toi voi"))).toContain("vi");
  });

  it("reads Bulgarian typed in Latin letters, and a Latin-script customer answered in Cyrillic, as Bulgarian too", () => {
    expect(detectLanguages("abe kolko puti da vi kazvam, abonamenta go sprqh na 28.03 i pak mi iztegliha pari, nqma li da go opravite")).toContain("bg");
    expect(detectLanguages("my order is late again\nЗдравейте, проверяваме поръчката ви")).toContain("bg");
    expect(detectLanguages("Hello, my order still has not arrived and I would like to know where it is.")).not.toContain("bg");
  });

  it("runs every lexicon when unsure or when no lexicon exists for the language", () => {
    const all = [...defaultLexicons().languages.keys()].sort();
    expect(chosen(saying("ok 123"))).toEqual(all);
    expect(chosen(saying("Guten Tag, meine Bestellung ist noch nicht angekommen.", "de"))).toEqual(all);
  });

  it("tells scripts apart even in short texts", () => {
    expect(detectLanguages("вече обясних")).toContain("bg");
    expect(detectLanguages("我已經說過了")).toEqual(["zh-Hant"]);
    expect(detectLanguages("tôi đã nói rồi")).toEqual(["vi"]);
    expect(detectLanguages("123 !!!")).toEqual([]);
  });
});
