import { describe, expect, it } from "vitest";
import { signOff } from "../../src/text/signature.js";

describe("signOff", () => {
  it("reads the agent's sign-off at the end of a brand account's reply", () => {
    expect(signOff("@jo_travels So sorry Jo! Passing this to our baggage team now ^JS")).toBe("JS");
    expect(signOff("Thanks for understanding -Gina")).toBe("Gina");
    expect(signOff("Let me check that for you – KC 🙂")).toBe("KC");
    expect(signOff("很抱歉，依公司規定，已拆封商品恕無法退貨。^阿哲")).toBe("阿哲");
    expect(signOff("帮您转到账务专员处理 -小张")).toBe("小张");
    expect(signOff("Прехвърлям ви към колега от рекламации -ИП")).toBe("ИП");
  });

  it("finds none in an unsigned reply, a URL or a lower-case compound at the end", () => {
    expect(signOff("Please try again later.")).toBeUndefined();
    expect(signOff("Here's how: https://support.example.com/answer/Refunds")).toBeUndefined();
    expect(signOff("We'll send you a follow-up")).toBeUndefined();
    expect(signOff("the fee is 5 - 10")).toBeUndefined();
    expect(signOff(undefined)).toBeUndefined();
  });
});
