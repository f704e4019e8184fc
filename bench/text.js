// Times the text rules (repeated-explanation, policy-refusal, escalation-refused,
// blame-shifting, complaints in ignored-feedback) on one very long conversation: 2,000
// messages with a handoff every few turns, in English, Traditional Chinese and Vietnamese.
// A 4,000-message run beside it shows the cost grows with the length, not its square.
// Standalone: `node bench/text.js` after `npx tsc -p .` (bench/run.js calls it too).
import { toConversation } from "../dist/read/canonical.js";
import { RuleEngine } from "../dist/rules/engine.js";
import { loadRuleSet } from "../dist/rules/load.js";

const RUNS = 5;
const TEXT_RULES = new Set(["repeated-explanation", "policy-refusal", "escalation-refused", "blame-shifting", "ignored-feedback"]);

const LINES = {
  en: {
    customer: [
      "My washing machine stops mid-cycle with error E21 and leaves the drum full of water since the technician visit.",
      "I was charged twice for the monthly subscription and both charges are still on my card statement.",
      "Any news on order {n}? The parcel has been stuck in customs for ten days now.",
      "Thanks, that helps.",
      "I already told your colleague all of this, please read the thread.",
      "The app crashes whenever I open the payments tab on my phone since yesterday's update.",
    ],
    agent: [
      "Thanks for waiting, I'm checking this with the warehouse now.",
      "Unfortunately, per our policy we cannot refund opened items.",
      "What I can do is send you a replacement today.",
      "You can follow the steps in this guide: https://example.com/help/{n}",
      "Sorry, there's no manager available right now, but she will call you back.",
    ],
  },
  "zh-Hant": {
    customer: [
      "我家的洗衣機洗到一半就停住，顯示錯誤代碼E21，滾筒裡還積滿了水。",
      "3月1日月費被扣了兩次，信用卡帳單上兩筆扣款都還在。",
      "訂單{n}的包裹卡在海關十天了，可以幫我查嗎？",
      "好的，謝謝。",
      "我已經跟你們同事說過了，請看一下前面的對話。",
    ],
    agent: [
      "謝謝您的耐心等候，我正在跟倉庫確認。",
      "很抱歉，依照公司規定已拆封商品無法退款。",
      "另外我可以幫您今天補寄新品。",
      "您可以參考這個連結：https://example.com/help/{n}",
    ],
  },
  vi: {
    customer: [
      "Máy giặt nhà mình đang giặt thì dừng giữa chừng, báo lỗi E21 và nước vẫn đầy trong lồng.",
      "Tôi bị trừ tiền hai lần cho gói thuê bao tháng, cả hai khoản vẫn hiện trong sao kê.",
      "Đơn {n} kẹt ở hải quan mười ngày rồi, kiểm tra giúp tôi với?",
      "Cảm ơn bạn nhé.",
      "Tôi đã nói với bạn nhân viên trước rồi, đọc lại tin nhắn giúp tôi.",
    ],
    agent: [
      "Cảm ơn anh đã chờ, em đang kiểm tra với kho ạ.",
      "Rất tiếc, theo chính sách bên em không thể hoàn tiền sản phẩm đã mở hộp ạ.",
      "Em có thể gửi sản phẩm thay thế cho anh ngay hôm nay.",
      "Anh xem hướng dẫn tại đây: https://example.com/help/{n}",
    ],
  },
};

// Made-up words for the worst case, where nothing repeats and nothing matches, so every
// message is compared and searched in full.
let seed = 42;
/** mulberry32: a small seeded generator, so every run builds the same texts. */
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const ONSETS = "b c d g h k l m n p r s t v x ch kh ng nh ph th tr".split(" ");
const RHYMES = "a e i o u ai ao an ang anh at ay em en eo et ia in inh it oa oc oi om on ong ua ui um un ung ut".split(" ");
const TONED = "àáảãạ";
const babble = (language) => {
  if (language === "zh-Hant") return Array.from({ length: 24 }, () => String.fromCodePoint(0x4e00 + Math.floor(random() * 20000))).join("");
  const word = () => pick(ONSETS) + pick(RHYMES) + (language === "vi" ? "" : pick(ONSETS) + pick(RHYMES));
  const words = Array.from({ length: 12 }, word);
  return language === "vi" ? words.map((w) => w.replace("a", pick([..."a", ...TONED]))).join(" ") : words.join(" ");
};

/**
 * One long conversation: customer and agent take turns, a new agent every 6 turns, a transfer
 * every 50. With `quiet`, the messages are random words: nothing fires, so nothing stops early.
 */
function longConversation(language, messages, quiet = false) {
  const lines = quiet ? { customer: [""], agent: [""] } : LINES[language];
  const start = Date.parse("2026-03-02T09:00:00Z");
  const events = [];
  for (let i = 0; i < messages; i++) {
    const at = new Date(start + i * 60000).toISOString();
    const fill = (s) => (quiet ? babble(language) : s.replace("{n}", String(5000 + i)));
    if (i % 2 === 0) {
      events.push({ at, type: "message", role: "customer", text: fill(lines.customer[(i / 2) % lines.customer.length]) });
    } else {
      const agentNo = Math.floor(i / 12);
      if (i % 100 === 1 && i > 1) events.push({ at, type: "transfer", agent: `agent-${agentNo - 1}`, to_agent: `agent-${agentNo}` });
      events.push({ at, type: "message", role: "agent", agent: `agent-${agentNo}`, text: fill(lines.agent[((i - 1) / 2) % lines.agent.length]) });
    }
  }
  const converted = toConversation({ id: `bench-${language}-${messages}`, channel: "chat", created_at: events[0].at, language, events }, "UTC");
  if (!converted.ok) throw new Error(converted.reason);
  return converted.conversation;
}

const ruleSet = loadRuleSet();
const ctx = { asOf: Date.parse("2026-11-23T00:00:00Z"), timezone: "UTC", lexicons: ruleSet.lexicons };
const allRules = new RuleEngine(ruleSet.rules, ctx);
const textRules = new RuleEngine(ruleSet.rules.filter((r) => TEXT_RULES.has(r.id)), ctx);

function median(engine, build) {
  const times = [];
  let findings = 0;
  for (let run = 0; run < RUNS; run++) {
    // A fresh conversation each run: the per-message caches must not carry over.
    const conversation = build();
    const started = performance.now();
    findings = engine.evaluate(conversation).length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(RUNS / 2)], findings };
}

console.log(`text rules bench: one conversation, median of ${RUNS} runs`);
median(allRules, () => longConversation("en", 500)); // warm-up, so the first line is not the JIT's
for (const quiet of [false, true]) {
  for (const language of Object.keys(LINES)) {
    for (const messages of [2000, 4000]) {
      const text = median(textRules, () => longConversation(language, messages, quiet));
      const all = median(allRules, () => longConversation(language, messages, quiet));
      const label = `${messages} messages (${language}${quiet ? ", nothing fires" : ""})`;
      console.log(`${label.padEnd(42)} text rules ${text.ms.toFixed(0).padStart(5)} ms (${text.findings} findings)   all default rules ${all.ms.toFixed(0).padStart(5)} ms`);
    }
  }
}
