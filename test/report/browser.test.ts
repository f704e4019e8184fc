import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";

// The HTML report in a real browser: Debian's chromium (CI installs it in .ci/run), driven by
// playwright-core. Without chromium the suite is skipped locally and fails in CI.
const CHROMIUM = "/usr/bin/chromium";
const FIXTURES = "test/fixtures/report";
const ARTIFACTS = resolve("test-artifacts");

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)("html report in chromium", () => {
  const dir = mkdtempSync(join(tmpdir(), "report-browser-"));
  const html = join(dir, "report.html");
  const xml = join(dir, "report.xml");
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    const week = (file: string, asOf: string) => [`${FIXTURES}/${file}`, "--rules", `${FIXTURES}/rules.yaml`, "--as-of", asOf];
    expect(runCli([...week("week1.jsonl", "2026-11-12T00:00:00Z"), "--format", `json:${join(dir, "week1.json")}`]).code).toBe(0);
    const run = runCli([...week("week2.jsonl", "2026-11-19T00:00:00Z"), "--baseline", join(dir, "week1.json"), "--suppressions", `${FIXTURES}/suppressions.yaml`, "--format", `html:${html}`, "--format", `junit:${xml}`]);
    expect(run.code).toBe(0);

    context = await chromium.launchPersistentContext(join(dir, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      viewport: { width: 1360, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("request", (r) => requests.push(r.url()));
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(pathToFileURL(html).href);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("renders its charts", async () => {
    const charts = page.locator(".chart svg");
    expect(await charts.count()).toBe(6); // gauge, distribution, rules, agents, teams, movers
    for (const svg of await charts.all()) {
      const box = await svg.boundingBox();
      expect(box!.width).toBeGreaterThan(150);
      expect(box!.height).toBeGreaterThan(100);
      expect(await svg.locator("path").count()).toBeGreaterThan(0);
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "html-report.png"), fullPage: true });
  });

  it("makes no request beyond the file itself, runs its own script only, and shows export text as text", async () => {
    expect(requests).toEqual([pathToFileURL(html).href]);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(await page.locator("script").count()).toBe(1);
  });

  it("opens a finding's conversation with the evidence quoted, and closes it with Escape", async () => {
    const row = page.locator("tr.finding", { hasText: "T-2" });
    await row.locator("a").click();
    const panel = page.locator(".conv:target");
    await expect.poll(() => panel.isVisible()).toBe(true);
    expect(await panel.locator("h2").innerText()).toBe("Conversation T-2");
    expect(await panel.locator("blockquote").innerText()).toContain('<script>alert("pwned")</script>');
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator(".conv:target").count()).toBe(0);

    // The whole row opens it too, not just the link.
    await page.locator("tr.finding", { hasText: "excessive-transfers" }).locator("td").nth(4).click();
    await expect.poll(async () => (await page.locator(".conv:target h2").innerText()).trim()).toBe("Conversation T-4");
  });

  it("filters findings by rule", async () => {
    await page.goto(pathToFileURL(html).href + "#findings");
    await page.selectOption("#finding-rule", "excessive-transfers");
    expect(await page.locator("tr.finding:visible").count()).toBe(1);
    expect(await page.locator("#finding-count").innerText()).toBe("1 of 2 shown");
  });

  it("parses the JUnit report as well-formed XML", async () => {
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "application/xml");
      return { error: doc.querySelector("parsererror")?.textContent ?? null, cases: doc.querySelectorAll("testcase").length, skipped: doc.querySelectorAll("skipped").length };
    }, readFileSync(xml, "utf8"));
    expect(parsed).toEqual({ error: null, cases: 4, skipped: 2 });
  });
});
