import type { Reporter } from "../reporter.js";
import { json } from "./json.js";
import { tableReporter } from "./table.js";

// Every output format, by the name --format uses. A new format is one module plus one line here.
export const reporters: ReadonlyMap<string, Reporter> = new Map<string, Reporter>([
  ["table", tableReporter],
  ["json", json],
]);
