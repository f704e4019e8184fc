import { describe, expect, it } from "vitest";
import { compareReports } from "../../src/report/baseline.js";
import { html, HTML_FINDINGS_BUDGET } from "../../src/report/reporters/html.js";
import { conversation, finding, sampleReport } from "./sample-report.js";

const ctx = { color: false, top: 10 };

describe("html report", () => {
  const report = sampleReport([
    conversation('T-"1"<b>', [finding("slow-first-response", { evidence: "customer wrote <script>alert('x')</script> & <img src=x onerror=alert(1)>" })]),
    conversation("T-2", [finding("excessive-transfers", { agent: "</script><script>alert(2)</script>" })]),
    conversation("T-3", []),
  ]);
  const page = html(report, ctx);

  it("draws its charts as inline SVG", () => {
    // gauge, distribution, rules, agents, teams
    expect(page.match(/<svg /g)?.length).toBe(5);
    expect(page).toContain("<title>Support audit: 91.7 (A)</title>");
  });

  it("keeps export text as text", () => {
    expect(page).not.toContain("<script>alert");
    expect(page).not.toContain("<img src=x");
    expect(page).toContain("customer wrote &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;");
    expect(page).toContain("&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;");
    // The only script element is the page's own.
    expect(page.match(/<script>/g)).toHaveLength(1);
  });

  it("loads nothing from the network and forbids it", () => {
    expect(page).not.toMatch(/\s(src|href)=["']?(https?:)?\/\//i);
    expect(page).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
    expect(page).not.toContain("@import");
    expect(page).toContain(`http-equiv="Content-Security-Policy" content="default-src 'none';`);
  });

  it("links every finding to a panel of its conversation with the evidence quoted", () => {
    const rows = [...page.matchAll(/<tr class="finding" data-target="(c\d+)"/g)].map((m) => m[1]);
    expect(rows).toEqual(["c1", "c2"]);
    const panel = (id: string) => page.slice(page.indexOf(`<section class="conv" id="${id}"`), page.indexOf("</section>", page.indexOf(`id="${id}"`)));
    expect(panel("c2")).toContain("Conversation <code>T-&quot;1&quot;&lt;b&gt;</code>");
    expect(panel("c2")).toContain("<blockquote>customer wrote &lt;script&gt;");
    expect(panel("c1")).toContain("excessive-transfers happened");
  });

  it("shows the trend against a baseline when one is given", () => {
    const withBaseline = sampleReport();
    withBaseline.baseline = compareReports(sampleReport([conversation("T-1", [finding("long-hold")])]), withBaseline as never, "last-week.json");
    const trended = html(withBaseline, ctx);
    expect(trended).toContain("Since the baseline");
    expect(trended).toContain("Who moved since the baseline");
    expect(trended).toContain("grey bars: the baseline");
    expect(trended.match(/<svg /g)?.length).toBe(6);
  });
});

describe("html report of a large export", () => {
  it("details the worst conversations up to a budget of findings and says where the rest are", () => {
    const many = Array.from({ length: 3000 }, (_, i) => conversation(`T-${i}`, [finding("slow-first-response"), finding("long-hold", { weight: i % 7 })]));
    const page = html(sampleReport(many), ctx);
    const rows = page.match(/<tr class="finding"/g)?.length ?? 0;
    expect(rows).toBe(HTML_FINDINGS_BUDGET);
    expect(page.match(/<section class="conv"/g)).toHaveLength(HTML_FINDINGS_BUDGET / 2);
    expect(page).toContain("Showing the 2,500 worst conversations (5,000 findings) of 3,000 with findings.");
    // The worst are the ones shown: the heaviest second finding (T-6: 84) in, the lightest (T-0: 90) out.
    expect(page).toContain(">T-6</a>");
    expect(page).not.toContain(">T-0</a>");
  });
});
