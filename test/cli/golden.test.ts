import { describe, expect, it } from "vitest";
import { AS_OF, runCli } from "./run-cli.js";

// Golden files pin what a user sees for the bundled samples: the table an ops lead reads and
// the exit code. A change to rules, readers or layout shows up here as a reviewed diff
// (update with `npx vitest run test/cli/golden.test.ts -u`).
describe("golden output on the samples", () => {
  it("prints the table report", async () => {
    const result = runCli(["samples", ...AS_OF, "--top", "5"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    await expect(result.stdout).toMatchFileSnapshot("../fixtures/cli/samples-table.txt");
  });

  it("prints the gate failure and exits 1", async () => {
    const result = runCli(["samples", ...AS_OF, "--top", "0", "--fail-under", "95", "--fail-on", "error"]);
    expect(result.code).toBe(1);
    await expect(result.stdout.split("\n").slice(-3).join("\n")).toMatchFileSnapshot("../fixtures/cli/samples-gate.txt");
  });
});
