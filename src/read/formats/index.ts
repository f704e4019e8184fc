import type { InputFormat } from "../format.js";
import { amazonConnect } from "./amazon-connect.js";
import { asterisk } from "./asterisk.js";
import { canonicalJsonl } from "./canonical-jsonl.js";
import { genericCsv } from "./generic-csv.js";
import { freshdesk } from "./freshdesk.js";
import { genesys } from "./genesys.js";
import { intercom } from "./intercom.js";
import { twilio } from "./twilio.js";
import { zendesk } from "./zendesk.js";

// Tried in order: specific vendor formats before the generic CSV, which takes any CSV with a
// conversation id column. A new format is one module plus one line here.
// Vendor detectors look for their own keys and headers, so they go first: a one-line Intercom
// conversation would otherwise pass for canonical JSON Lines (it has "id" and "created_at").
export const FORMATS: InputFormat[] = [zendesk, freshdesk, intercom, amazonConnect, asterisk, twilio, genesys, canonicalJsonl, genericCsv];

export const formatNames = () => FORMATS.map((f) => f.name);
