import type { Reporter } from "../reporter.js";

/** SPEC section 2: the full report, stable keys, two-space indented. */
export const json: Reporter = (report) => JSON.stringify(report, null, 2) + "\n";
