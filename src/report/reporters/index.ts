import type { Reporter } from "../reporter.js";
import { csv } from "./csv.js";
import { html } from "./html.js";
import { json } from "./json.js";
import { junit } from "./junit.js";
import { markdown } from "./markdown.js";
import { tableReporter } from "./table.js";

// Every output format, by the name --format uses. A new format is one module plus one line here.
export const reporters: ReadonlyMap<string, Reporter> = new Map<string, Reporter>([
  ["table", tableReporter],
  ["json", json],
  ["markdown", markdown],
  ["csv", csv],
  ["junit", junit],
  ["html", html],
]);
