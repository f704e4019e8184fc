import type { InputFormat } from "../format.js";
import { canonicalJsonl } from "./canonical-jsonl.js";
import { genericCsv } from "./generic-csv.js";

// Tried in order: specific vendor formats before the generic CSV, which takes any CSV with a
// conversation id column. A new format is one module plus one line here.
export const FORMATS: InputFormat[] = [canonicalJsonl, genericCsv];

export const formatNames = () => FORMATS.map((f) => f.name);
