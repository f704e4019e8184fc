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
    expect(signOff("Mod đã ghi nhận, đang chuyển bên thanh toán đối soát nha -Mod Bin")).toBe("Mod Bin");
    expect(signOff("Пиши ни в DM с ник и сървър ~Mod Vlado")).toBe("Mod Vlado");
    expect(signOff("宝子别着急～已经私信你啦 🙏 by 团团")).toBe("团团");
    expect(signOff("已補發3290鑽石至信箱，請重新登入領取 by 小編Mina")).toBe("小編Mina");
    expect(signOff("已经解除，现在再发一次就可以收到了【客服 小芒】")).toBe("客服 小芒");
    expect(signOff("少侠莫急，已记录您的问题 ——客服·竹影")).toBe("客服·竹影");
    expect(signOff("麻煩私訊我們照片喔 ──小編安安")).toBe("小編安安");
    expect(signOff("已通報站點維修，請私訊您的車牌號碼 ‧Eddie")).toBe("Eddie");
    expect(signOff("Изпратете ни номера на товарителницата и ще проверим. /Радина/")).toBe("Радина");
    expect(signOff("Hemos solicitado una nueva entrega para mañana. Un saludo, Marta")).toBe("Marta");
  });

  it("takes no ordinary ending for a name: 'by Friday' is a date, not a sign-off", () => {
    expect(signOff("We'll have it shipped by Friday")).toBeUndefined();
    expect(signOff("Sent by Royal Mail")).toBeUndefined();
  });

  it("finds none in an unsigned reply, a URL or a lower-case compound at the end", () => {
    expect(signOff("Please try again later.")).toBeUndefined();
    expect(signOff("Here's how: https://support.example.com/answer/Refunds")).toBeUndefined();
    expect(signOff("We'll send you a follow-up")).toBeUndefined();
    expect(signOff("the fee is 5 - 10")).toBeUndefined();
    expect(signOff(undefined)).toBeUndefined();
  });
});
