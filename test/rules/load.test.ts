import { describe, expect, it } from "vitest";
import { RuleSetError, UserError } from "../../src/errors.js";
import { loadRuleSet } from "../../src/rules/load.js";
import { ruleSetJsonSchema } from "../../src/rules/ruleset-schema.js";

const fixture = (name: string) => `test/fixtures/rules/${name}`;

function problemsOf(file: string): string[] {
  try {
    loadRuleSet(fixture(file));
  } catch (e) {
    if (e instanceof RuleSetError) return e.message.split("\n");
    throw e;
  }
  throw new Error(`${file} loaded without problems`);
}

describe("the default rule set", () => {
  it("has the SPEC's rule ids, each with a rationale", () => {
    const set = loadRuleSet();
    const ids = set.rules.map((r) => r.id);
    for (const id of ["slow-first-response", "slow-reply", "long-queue-wait", "long-hold", "excessive-transfers", "ignored-feedback"]) {
      expect(ids).toContain(id);
    }
    for (const rule of set.rules) expect(rule.rationale?.length ?? 0, rule.id).toBeGreaterThan(80);
  });
});

describe("extending a rule set", () => {
  const set = loadRuleSet(fixture("team.yaml"));
  const rule = (id: string) => set.rules.find((r) => r.id === id);

  it("switches rules off, changes severity and thresholds, keeps the rest inherited", () => {
    expect(rule("slow-reply")).toBeUndefined();
    expect(set.off).toEqual(["slow-reply"]);
    expect(rule("slow-first-response")).toMatchObject({ severity: "error", weight: 10, params: { metric: "first_response", limit: 8 * 3600 } });
    // The inherited per-channel overrides stay.
    expect(rule("slow-first-response")!.overrides.map((o) => o.where.channel)).toEqual([["social"], ["sms"], ["chat"]]);
  });

  it("adds rules of its own and its own gates and time zone", () => {
    expect(rule("urgent-resolution")).toMatchObject({ severity: "critical", weight: 50, where: { priority: ["urgent"] } });
    expect(set.gates).toEqual({ fail_under: 85 });
    expect(set.timezone).toBe("Europe/Berlin");
    expect(set.files).toEqual(["rules/default.yaml", "test/fixtures/rules/team.yaml"]);
  });
});

describe("rule set errors", () => {
  it("names file, line, column and rule for an unknown key", () => {
    expect(problemsOf("unknown-key.yaml")).toEqual([
      expect.stringMatching(/^test\/fixtures\/rules\/unknown-key\.yaml:4:5: rule 'slow-first-response': unknown key 'limt' for type response-time \(its keys: .*limit.*\) \[unknown-key\]$/),
    ]);
  });

  it("collects every problem: bad severity, bad duration, unknown type, unknown placeholder", () => {
    const problems = problemsOf("bad-values.yaml");
    expect(problems).toHaveLength(4);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/bad-values\.yaml:5:15: rule 'late': severity: .*"info".*"critical"/),
      expect.stringMatching(/bad-values\.yaml:8:12: rule 'late': limit: expected a duration such as "45s", "5m", "24h", "2d" or "1h30m", got "5 mins"/),
      expect.stringMatching(/bad-values\.yaml:10:11: rule 'unknown': unknown rule type 'sentiment' \(known: response-time, transfers, feedback/),
      expect.stringMatching(/bad-values\.yaml:20:14: rule 'templ': message uses \{actual\}, which type transfers does not fill/),
    ]));
  });

  it("says what a value of the wrong type should be, rather than calling it missing", () => {
    expect(problemsOf("number-duration.yaml")).toEqual([expect.stringMatching(/number-duration\.yaml:4:12: rule 'slow-reply': limit: expected a duration such as "45s"/)]);
    expect(problemsOf("rules-list.yaml")).toEqual([expect.stringMatching(/rules-list\.yaml:2:3: rules: expected a map from rule id to rule/)]);
  });

  it("reports YAML syntax errors at their position", () => {
    expect(problemsOf("syntax.yaml")[0]).toMatch(/^test\/fixtures\/rules\/syntax\.yaml:\d+:\d+: .*\[yaml-syntax\]$/);
  });

  it("catches a rule switched off that does not exist (a typo)", () => {
    expect(problemsOf("off-typo.yaml")).toEqual([expect.stringMatching(/off-typo\.yaml:3:3: rule 'slow-replies': switched off, but no rule set in the chain defines it/)]);
  });

  it("asks for a type on a new rule", () => {
    expect(problemsOf("no-type.yaml")).toEqual([expect.stringMatching(/no-type\.yaml:2:3: rule 'my-rule': has no 'type'/)]);
  });

  it("refuses an extends loop and a missing file with a one-line error", () => {
    expect(() => loadRuleSet(fixture("loop-a.yaml"))).toThrow(/extends itself/);
    expect(() => loadRuleSet(fixture("missing.yaml"))).toThrow(UserError);
    expect(() => loadRuleSet(fixture("missing.yaml"))).toThrow(/cannot read rule set .*missing\.yaml: no such file/);
  });
});

describe("the JSON Schema of rule files", () => {
  it("describes the sections and every rule type for editors", () => {
    const schema = ruleSetJsonSchema() as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["extends", "rules", "input", "business_hours", "gates"]));
    const text = JSON.stringify(schema);
    for (const type of ['"response-time"', '"transfers"', '"feedback"', '"first_response"']) expect(text).toContain(type);
  });
});
