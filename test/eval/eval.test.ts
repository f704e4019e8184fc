import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// The labelled evaluation sets guard the lexicons: a phrase added for one language or case must
// not cost precision or recall elsewhere. `npm run eval` prints the tables; this runs its check.
describe("labelled evaluation sets", () => {
  it("keep F1 >= 0.9 for repeated-explanation and policy-refusal in every language of every set (or at its recorded floor)", () => {
    const run = spawnSync(process.execPath, ["test/eval/run.js", "--check"], { encoding: "utf8" });
    expect(run.stdout + run.stderr).not.toMatch(/below target/);
    expect(run.status).toBe(0);
  });
});
