import { escapeXml } from "../escape.js";
import type { Report, ReportFinding } from "../report.js";
import type { Reporter } from "../reporter.js";

// JUnit XML for CI test tabs (GitLab, Jenkins, GitHub test reporters): one test suite per
// rule, one failing test case per conversation the rule failed, so a tab lists the
// conversations to read under each rule. A rule with no findings is one passing case;
// suppressed findings are skipped cases; configured gates are a suite of their own.

const attr = (name: string, value: string | number) => ` ${name}="${escapeXml(String(value))}"`;

interface Case {
  name: string;
  xml: string;
  failed: boolean;
  skipped: boolean;
}

function failureCase(rule: string, conversation: string, findings: ReportFinding[]): Case {
  const first = findings[0]!;
  const body = findings.map((f) => `${f.message}\n${f.at ? `at ${f.at}` : ""}${f.agent ? `${f.at ? ", " : ""}agent ${f.agent}` : ""}\n${f.evidence}`).join("\n\n");
  const message = findings.length === 1 ? first.message : `${first.message} (and ${findings.length - 1} more)`;
  return {
    name: conversation,
    failed: true,
    skipped: false,
    xml: `    <testcase${attr("classname", `support-audit.${rule}`)}${attr("name", conversation)} time="0">\n      <failure${attr("message", message)}${attr("type", first.severity)}>${escapeXml(body)}</failure>\n    </testcase>`,
  };
}

function suite(name: string, cases: Case[], timestamp: string, properties: Array<[string, string | number]>): string {
  const failures = cases.filter((c) => c.failed).length;
  const skipped = cases.filter((c) => c.skipped).length;
  const props = properties.length ? `    <properties>\n${properties.map(([k, v]) => `      <property${attr("name", k)}${attr("value", v)}/>`).join("\n")}\n    </properties>\n` : "";
  return `  <testsuite${attr("name", name)}${attr("tests", cases.length)}${attr("failures", failures)} errors="0"${attr("skipped", skipped)} time="0"${attr("timestamp", timestamp)}>\n${props}${cases.map((c) => c.xml).join("\n")}\n  </testsuite>`;
}

/** xs:dateTime without a zone, as the JUnit schema writes it (in UTC). */
function junitTimestamp(asOf: string): string {
  const ms = Date.parse(asOf);
  return Number.isNaN(ms) ? "1970-01-01T00:00:00" : new Date(ms).toISOString().slice(0, 19);
}

function gateCases(report: Report): Case[] {
  const g = report.gates;
  const checks: Array<[string, string | undefined]> = [];
  const failureFor = (pattern: RegExp) => g.failures.find((f) => pattern.test(f));
  if (g.fail_under !== undefined) checks.push([`score >= ${g.fail_under}`, failureFor(/score cannot meet|is under/)]);
  if (g.fail_on !== undefined) checks.push([`no finding of severity ${g.fail_on} or worse`, failureFor(/of severity/)]);
  if (g.fail_on_regression !== undefined) checks.push([`score drops at most ${g.fail_on_regression} points from the baseline`, failureFor(/from the baseline/)]);
  return checks.map(([name, failure]) => ({
    name,
    failed: failure !== undefined,
    skipped: false,
    xml: `    <testcase classname="support-audit.gates"${attr("name", name)} time="0">${failure === undefined ? "" : `\n      <failure${attr("message", failure)} type="gate">${escapeXml(failure)}</failure>\n    `}</testcase>`,
  }));
}

export const junit: Reporter = (report) => {
  const timestamp = junitTimestamp(report.summary.as_of);
  const byRule = new Map<string, Map<string, ReportFinding[]>>(report.rules.map((r) => [r.id, new Map()]));
  for (const c of report.conversations) {
    for (const f of c.findings) {
      const conversations = byRule.get(f.rule) ?? byRule.set(f.rule, new Map()).get(f.rule)!;
      conversations.set(c.id, [...(conversations.get(c.id) ?? []), f]);
    }
  }
  const suppressedByRule = new Map<string, Case[]>();
  for (const s of report.suppressions?.suppressed ?? []) {
    const reason = `suppressed until ${s.expires}: ${s.reason}`;
    const cases = suppressedByRule.get(s.rule) ?? [];
    if (cases.some((c) => c.name === s.conversation)) continue;
    cases.push({
      name: s.conversation, failed: false, skipped: true,
      xml: `    <testcase${attr("classname", `support-audit.${s.rule}`)}${attr("name", s.conversation)} time="0">\n      <skipped${attr("message", reason)}/>\n    </testcase>`,
    });
    suppressedByRule.set(s.rule, cases);
  }

  const suites: string[] = [];
  const allCases: Case[] = [];
  for (const rule of report.rules) {
    const failed = [...byRule.get(rule.id)!].map(([conversation, findings]) => failureCase(rule.id, conversation, findings));
    const cases = [...failed, ...(suppressedByRule.get(rule.id) ?? [])];
    if (failed.length === 0) {
      // A passing case, so the tab shows the rule ran and held.
      const name = `no findings in ${report.summary.conversations} conversation${report.summary.conversations === 1 ? "" : "s"}`;
      cases.unshift({ name, failed: false, skipped: false, xml: `    <testcase${attr("classname", `support-audit.${rule.id}`)}${attr("name", name)} time="0"/>` });
    }
    allCases.push(...cases);
    suites.push(suite(rule.id, cases, timestamp, [["type", rule.type], ["severity", rule.severity], ["weight", rule.weight], ["description", rule.description]]));
  }
  const gates = gateCases(report);
  allCases.push(...gates);
  if (gates.length > 0) suites.push(suite("gates", gates, timestamp, report.summary.score === null ? [] : [["score", report.summary.score]]));

  const failures = allCases.filter((c) => c.failed).length;
  const skipped = allCases.filter((c) => c.skipped).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="support-audit"${attr("tests", allCases.length)}${attr("failures", failures)} errors="0"${attr("skipped", skipped)} time="0"${attr("timestamp", timestamp)}>\n${suites.join("\n")}\n</testsuites>\n`;
};
