import type { Report } from "./report.js";

export interface ReporterContext {
  /** Colour and terminal styling allowed (a TTY without NO_COLOR). */
  color: boolean;
  /** How many of the worst conversations to show in detail. */
  top: number;
}

/** A reporter is a pure function from the report to text (as Spectral's formatters are). */
export type Reporter = (report: Report, context: ReporterContext) => string;
