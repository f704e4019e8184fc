import { describe, expect, it } from "vitest";
import { jsonRecords } from "../../../src/read/formats/vendor-common.js";

const lines = (text: string, keys: string[] = []) => jsonRecords(text, keys).map((r) => [r.line, r.error === undefined ? r.value : "error"]);

describe("jsonRecords: the shapes vendor JSON exports come in", () => {
  it("reads JSON Lines, one broken line costing only that line", () => {
    expect(lines('{"a":1}\n{"a":\n\n{"a":3}\n')).toEqual([[1, { a: 1 }], [2, "error"], [4, { a: 3 }]]);
  });

  it("reads objects written back to back, on one line or pretty-printed", () => {
    expect(lines('{"a":1}{"a":2}\n{"a":3}')).toEqual([[1, { a: 1 }], [1, { a: 2 }], [2, { a: 3 }]]);
    expect(lines('{\n  "a": 1\n}\n{\n  "a": 2\n}\n')).toEqual([[1, { a: 1 }], [4, { a: 2 }]]);
  });

  it("reads an array, each element at the line it starts on, strings with brackets and escapes included", () => {
    expect(lines('[\n  {"t": "a ] b"},\n  {"t": "c \\" }"}\n]')).toEqual([[2, { t: "a ] b" }], [3, { t: 'c " }' }]]);
  });

  it("reads the list of an API page under its key, with line numbers", () => {
    const page = '{"tickets": [\n  {"id": 1},\n  {"id": 2}\n], "next_page": null}';
    expect(lines(page, ["tickets"])).toEqual([[2, { id: 1 }], [3, { id: 2 }]]);
    // A page without the key is one record.
    expect(lines(page, ["users"])).toEqual([[1, { tickets: [{ id: 1 }, { id: 2 }], next_page: null }]]);
  });

  it("reports a pretty-printed document cut short at the line its record starts", () => {
    expect(lines('{\n  "a": 1\n}\n{\n  "a": [\n')).toEqual([[1, { a: 1 }], [4, "error"]]);
  });
});
