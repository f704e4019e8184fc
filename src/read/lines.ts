import { StringDecoder } from "node:string_decoder";

/** Lines of a byte stream with their 1-based numbers; BOM and CR before LF removed. */
export async function* linesOf(stream: AsyncIterable<Buffer | string>): AsyncGenerator<{ line: number; text: string }> {
  const decoder = new StringDecoder("utf8");
  let carry = "";
  let line = 0;
  let first = true;
  const emit = (text: string) => {
    line++;
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return { line, text: text.endsWith("\r") ? text.slice(0, -1) : text };
  };
  for await (const chunk of stream) {
    carry += typeof chunk === "string" ? chunk : decoder.write(chunk);
    let start = 0;
    for (let nl = carry.indexOf("\n", start); nl !== -1; nl = carry.indexOf("\n", start)) {
      yield emit(carry.slice(start, nl));
      start = nl + 1;
    }
    carry = carry.slice(start);
  }
  carry += decoder.end();
  if (carry.length > 0) yield emit(carry);
}
