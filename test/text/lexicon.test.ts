import { describe, expect, it } from "vitest";
import { RuleSetError, UserError } from "../../src/errors.js";
import { loadRuleSet } from "../../src/rules/load.js";
import { defaultLexicons, findPhrase, loadLexicons, mask } from "../../src/text/lexicon.js";
import { fold } from "../../src/text/normalize.js";
import { prepare } from "../../src/text/pattern.js";

const fixture = (name: string) => `test/fixtures/text/${name}`;
const GROUPS = ["policy-refusal", "policy-benign", "alternative-offered", "escalation-request", "escalation-declined", "blame", "repetition-claim", "status-question", "complaint"];

function errorOf(load: () => unknown): string {
  try {
    load();
  } catch (e) {
    if (e instanceof UserError) return e.message;
    throw e;
  }
  throw new Error("loaded without an error");
}

describe("bundled lexicons", () => {
  it("ship every language with every phrase group the default rules use", () => {
    const set = defaultLexicons();
    expect([...set.languages.keys()].sort()).toEqual(["bg", "en", "es", "vi", "zh-Hans", "zh-Hant"]);
    for (const lexicon of set.languages.values()) {
      for (const group of GROUPS) expect(lexicon.groups.get(group)?.length, `${lexicon.language} ${group}`).toBeGreaterThan(0);
      expect(lexicon.stopwords.size, lexicon.language).toBeGreaterThan(10);
    }
  });

  it("blank out benign uses before matching, keeping the rest", () => {
    const en = [defaultLexicons().languages.get("en")!];
    const hit = (text: string) => findPhrase(mask(prepare(fold(text)), en, ["policy-benign"]), en, ["policy-refusal"], { negationWindow: 3 });
    expect(hit("Our privacy policy does not allow us to sell your data, and we cannot read your messages.")).toBeUndefined();
    expect(hit("Our return policy does not allow refunds after 30 days.")?.match.text).toBe("policy does not allow");
  });

  it("silence a phrase with a negation just before it, within its clause only", () => {
    const es = [defaultLexicons().languages.get("es")!];
    const hit = (text: string) => findPhrase(prepare(fold(text)), es, ["policy-refusal"], { negationWindow: 3 });
    expect(hit("No es política de la empresa cobrarle, no podemos hacerlo.")).toBeUndefined();
    expect(hit("No, es política de la empresa, no podemos hacerlo.")).toBeDefined();
  });
});

describe("lexicon files", () => {
  it("name the file and line of a bad regular expression", () => {
    expect(errorOf(() => loadLexicons([fixture("bad-regex.yaml")]))).toMatch(/bad-regex\.yaml:5: invalid regular expression/);
  });

  it("name the file and line of an undefined {name}", () => {
    expect(errorOf(() => loadLexicons([fixture("undefined-name.yaml")]))).toMatch(/undefined-name\.yaml:6: \{supervisor\} is not defined/);
  });

  it("reject unknown keys", () => {
    expect(errorOf(() => loadLexicons([fixture("unknown-key.yaml")]))).toMatch(/unknown-key\.yaml:2: unknown key 'phrase'/);
  });

  it("reject a missing file", () => {
    expect(errorOf(() => loadLexicons([fixture("nope.yaml")]))).toMatch(/cannot read lexicon .*nope\.yaml/);
  });

  it("are added to the bundled ones by a rule set's `lexicons:` key, relative to the rule set", () => {
    const set = loadRuleSet(fixture("ruleset-with-lexicon.yaml")).lexicons;
    const en = set.languages.get("en")!;
    expect(en.groups.get("house-phrases")).toHaveLength(1);
    const sources = en.groups.get("policy-refusal")!.map((p) => p.source);
    expect(sources).toContain("computer says no");
    expect(sources).toContain("nothing (else |more |further )?(i|we) (can|could|am able to|'m able to|are able to|'re able to) do");
  });

  it("stop a rule set whose lexicon has a bad phrase, naming the lexicon's file and line", () => {
    expect(errorOf(() => loadRuleSet(fixture("ruleset-bad-lexicon.yaml")))).toMatch(/bad-regex\.yaml:5: invalid regular expression/);
  });

  it("make a rule that names an unknown phrase group a rule set problem", () => {
    const message = errorOf(() => loadRuleSet(fixture("ruleset-missing-group.yaml")));
    expect(message).toMatch(/ruleset-missing-group\.yaml:8:5: rule 'typo': match: no lexicon defines the phrase group 'polcy-refusal'/);
    expect(() => loadRuleSet(fixture("ruleset-missing-group.yaml"))).toThrow(RuleSetError);
  });
});
