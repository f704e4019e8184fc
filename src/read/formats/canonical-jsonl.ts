import { linesOf } from "../lines.js";
import type { InputFormat } from "../format.js";

const firstLine = (head: string) => head.split("\n").find((l) => l.trim() !== "")?.trim() ?? "";

/** SPEC section 1: one conversation per line, streamed. */
export const canonicalJsonl: InputFormat = {
  name: "canonical",
  description: "support-audit JSON Lines: one conversation per line (SPEC section 1)",
  detect({ name, head }) {
    const line = firstLine(head);
    // By its ending, a .jsonl file that no vendor format claimed is ours: an empty one is zero
    // conversations, and a bad first record is rejected with its reason, not the whole file.
    const ours = /\.(jsonl|ndjson)$/i.test(name);
    if (line === "") return ours;
    if (!line.startsWith("{")) return false;
    if (ours) return true;
    try {
      const record = JSON.parse(line) as Record<string, unknown>;
      return "id" in record && ("events" in record || "created_at" in record);
    } catch {
      // The first line may be cut by the head limit (a very long conversation): judge by its keys.
      return /^\{\s*"(id|source|channel|created_at)"\s*:/.test(line) && /"events"\s*:\s*\[/.test(line);
    }
  },
  async *read(files, ctx) {
    for (const file of files) {
      for await (const { line, text } of linesOf(file.stream())) {
        if (text.trim() === "") continue;
        let record: unknown;
        try {
          record = JSON.parse(text);
        } catch (e) {
          ctx.ledger.reject(file.path, line, `not valid JSON (${(e as Error).message.replace(/^JSON\.parse: /, "")})`);
          continue;
        }
        yield { record, origin: { file: file.path, line } };
      }
    }
  },
};
