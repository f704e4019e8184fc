import { describe, expect, it } from "vitest";
import { repetition } from "../../src/rules/types/repetition.js";
import { agent, context, conversation, customer } from "../helpers/conversation.js";

// Claims built from parts in the lexicons (a past telling or giving verb of the customer ~ a
// back-reference), and the earlier agent's name standing in as a back-reference.
const params = repetition.params.parse({});
const detect = (events: unknown[], extra: Record<string, unknown> = {}) => repetition.detect(conversation({ events, ...extra }), params, context());

// A shared brand account handing over from the signer ^HL to ^PM.
const afterSignOffHandoff = (after: string) => [
  customer("2026-11-02T09:00:00Z", "@Glowphone my phone screen went black after the update last night, it still vibrates when someone calls"),
  agent("2026-11-02T09:05:00Z", "Glowphone", "@ritz_a Oh no! I'll get one of our device experts on this ^HL"),
  agent("2026-11-02T09:20:00Z", "Glowphone", "@ritz_a Hi! Sorry for the wait, what's up? ^PM"),
  customer("2026-11-02T09:25:00Z", after),
];

describe("repetition claims built from a telling verb and a back-reference", () => {
  it("fires on wordings no single phrase lists, in each shipped language", () => {
    const claims: Record<string, string[]> = {
      en: ["@Glowphone to recap: nothing works and nobody has fixed it", "@Glowphone sent you the order number 3 times", "@Glowphone the tracking number is in my very first tweet", "@Glowphone posted the screenshot up there already", "@Glowphone mentioned this earlier to the last person", "@Glowphone we've explained it like 4 times"],
      es: ["@Glowphone te lo he contado tres veces", "@Glowphone ya mandé la captura más arriba"],
      vi: ["@Glowphone ảnh mình gửi ở trên rồi đó", "@Glowphone minh da ke voi ban kia roi"],
      bg: ["@Glowphone снимката я пратих по-горе", "@Glowphone вече споменах на колегата ви", "@Glowphone HL имаше всичко това преди час"],
      "zh-Hans": ["@Glowphone 简单来说：就是没人管，赶紧处理", "@Glowphone 截图上面早发了", "@Glowphone 我跟上一个客服讲清楚了", "@Glowphone 我刚刚不是说过了吗", "@Glowphone 这几句都回了三遍了", "@Glowphone 凭证一周前就发给上一个GM了"],
      "zh-Hant": ["@Glowphone 截圖上面早就傳了", "@Glowphone 我都講三遍了", "@Glowphone 我剛剛不是說過了嗎😓", "@Glowphone 我inbox已經send咗三次，仲要我講幾多次？", "@Glowphone 我第一封電郵已經寫得好清楚，麻煩你睇返上面", "@Glowphone 跟上一位小編講的一模一樣"],
    };
    for (const [language, texts] of Object.entries(claims)) {
      for (const text of texts) expect(detect(afterSignOffHandoff(text), { language })[0]?.evidence, text).toContain("says so");
    }
  });

  it("stays quiet on questions, apologies, future telling, negations, third parties and things done", () => {
    const quiet: Record<string, string[]> = {
      en: [
        "@Glowphone can you explain again what I should do?",
        "@Glowphone could you explain the fee again? I told my wife already and she asked",
        "@Glowphone sorry to repeat myself, any news?",
        "@Glowphone I'll tell you again if it goes black",
        "@Glowphone I haven't told anyone at the store yet",
        "@Glowphone the courier already said it would come Friday",
        "@Glowphone ok I've already sent the phone back",
        "@Glowphone twice now I've gone through the whole reset process",
        "@Glowphone I sent it before the deadline",
        // Things sent twice are parcels more often than information; telling someone else already.
        "@Glowphone I sent the parcel back twice already and got nothing",
        "@Glowphone I told my wife already, she's not happy",
        "@Glowphone you said above that the refund takes 5 days",
        "@Glowphone I gave the courier the parcel yesterday",
        "@Glowphone I mentioned to my landlord that the engineer came twice",
        "@Glowphone did you get the photo I sent earlier?",
        "@Glowphone you guys keep saying check your internet",
      ],
      es: ["@Glowphone ¿me lo puede explicar otra vez? ya lo he intentado dos veces", "@Glowphone el repartidor ya dijo que vendría el viernes", "@Glowphone no se lo he dicho a nadie", "@Glowphone ya mandé el móvil", "@Glowphone ya mandé el paquete dos veces", "@Glowphone mira atrás del aparato", "@Glowphone no voy a pagar otra vez", "@Glowphone es la segunda vez que se rompe", "@Glowphone ya se lo dije a mi jefe", "@Glowphone cada vez que empiezo de cero la app falla"],
      vi: ["@Glowphone shipper đã nói thứ sáu sẽ giao", "@Glowphone mình chưa nói với ai", "@Glowphone nếu lại bị mình sẽ báo lại", "@Glowphone mình đã gửi hàng 2 lần rồi", "@Glowphone mình đã nói với vợ rồi", "@Glowphone mọi thứ trong thread đều ổn"],
      bg: ["@Glowphone куриерът вече каза, че ще дойде", "@Glowphone ще ви пиша пак, ако стане", "@Glowphone още не съм казал на никого", "@Glowphone пратих пратката два пъти", "@Glowphone казах на жена ми вече"],
      "zh-Hans": ["@Glowphone 我没太听懂，能再给我解释一遍吗？", "@Glowphone 快递员说过两次会来，但是一直没来", "@Glowphone 快递员已经说周五会到", "@Glowphone 客服早就说过会退款，怎么还没到", "@Glowphone 刚刚又发生了，第四次", "@Glowphone 我已经寄了两次包裹", "@Glowphone 我发了两次邮件都没回"],
      "zh-Hant": ["@Glowphone 物流已經說週五會到", "@Glowphone 能再解釋一下嗎？", "@Glowphone 你同事都知道嗎？", "@Glowphone 串裡都有人說你們騙錢"],
    };
    for (const [language, texts] of Object.entries(quiet)) {
      for (const text of texts) expect(detect(afterSignOffHandoff(text), { language }), text).toEqual([]);
    }
  });

  it("knows the earlier agent by the name customers use, without the role before it ('小編安安' is '安安')", () => {
    const events = [
      customer("2026-11-02T09:00:00Z", "@晶透保養官方 收到的精華液壓頭壞掉壓不出來，訂單JT0312-887"),
      agent("2026-11-02T09:05:00Z", "晶透保養官方", "您好～麻煩私訊我們照片喔 ──小編安安"),
      agent("2026-11-02T10:00:00Z", "晶透保養官方", "您好～我是小編Momo，請問精華液有什麼狀況嗎？ ──小編Momo"),
      customer("2026-11-02T10:05:00Z", "按下去完全沒東西出來，照片私訊給安安了"),
    ];
    expect(detect(events, { language: "zh-Hant" })[0]?.evidence).toContain("安安");
  });

  it("counts the earlier agent's sign-off name as a back-reference, and quotes the name as written", () => {
    const [hit] = detect(afterSignOffHandoff("@Glowphone gave HL my order number an hour ago"));
    expect(hit?.evidence).toContain('says so: "gave hl"');
    expect(detect(afterSignOffHandoff("@Glowphone le di el número de pedido a HL"), { language: "es" })[0]?.evidence).toContain("hl");
    // The name alone, or the earlier agent saying something, is no claim.
    expect(detect(afterSignOffHandoff("@Glowphone HL said it would be fixed by Friday"))).toEqual([]);
    expect(detect(afterSignOffHandoff("@Glowphone thanks HL and PM"))).toEqual([]);
    // A ticket agent's first name counts too, next to Chinese characters as well.
    const ticket = (after: string) => [
      customer("2026-11-02T09:00:00Z", "My washing machine stops mid-cycle with error E21 and leaves the drum full of water."),
      agent("2026-11-02T09:05:00Z", "Anna Berg", "Sorry! Passing you to the appliance team."),
      { at: "2026-11-02T09:06:00Z", type: "transfer", agent: "Anna Berg", to_agent: "Ben Ode" },
      agent("2026-11-02T09:10:00Z", "Ben Ode", "Hi, Ben here. What seems to be the problem?"),
      customer("2026-11-02T09:12:00Z", after),
    ];
    expect(detect(ticket("I explained the whole thing to Anna"))[0]?.evidence).toContain('the whole thing to anna")');
    expect(detect(ticket("我跟Anna讲过了"), { language: "zh-Hans" })[0]?.evidence).toContain("anna");
    expect(detect(ticket("I explained the whole thing to Ben"))).toEqual([]);
    // The agent now answering is not someone the customer told before.
    expect(detect(afterSignOffHandoff("@Glowphone gave PM my order number an hour ago"))).toEqual([]);
  });
});
