import ora, { type Ora } from "ora";

/** A spinner with counts on stderr, only when stderr is a terminal (never in CI logs or pipes). */
export function startProgress(): { update(conversations: number, findings: number): void; stop(): void } {
  if (!process.stderr.isTTY || process.env.CI) return { update() {}, stop() {} };
  const spinner: Ora = ora({ text: "Reading conversations…", stream: process.stderr }).start();
  return {
    update(conversations, findings) {
      spinner.text = `Audited ${conversations.toLocaleString("en")} conversations, ${findings.toLocaleString("en")} findings…`;
    },
    stop() {
      spinner.stop();
    },
  };
}
