/** A message as evidence: one line, trimmed to a readable length, in quotes. */
export function quote(text: string | undefined, max = 160): string {
  const oneLine = (text ?? "").replace(/\s+/g, " ").trim();
  const chars = [...oneLine]; // by code point, so a CJK or emoji message is not cut mid-character
  const shown = chars.length > max ? chars.slice(0, max - 1).join("") + "…" : oneLine;
  return `"${shown}"`;
}
