// decodeText: bytes → text, whatever encoding a newsroom's tools produced (issue 7 "Encoding").

import { describe, expect, test } from "vitest";
import { RawArticleError } from "../../src/errors.ts";
import { decodeText } from "../../src/ingest/index.ts";

const FILE = "raw/x.txt";
const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : p)));

function rejection(input: Uint8Array): RawArticleError {
  try {
    decodeText(input, FILE);
  } catch (error) {
    if (error instanceof RawArticleError) return error;
    throw error;
  }
  throw new Error("decodeText accepted a binary file");
}

describe("decodeText", () => {
  test("plain UTF-8 passes through untouched", () => {
    expect(decodeText(bytes("Zürich – “quoted” 漢字 🎉\n"), FILE)).toEqual({ text: "Zürich – “quoted” 漢字 🎉\n", diagnostics: [] });
  });

  test.each([
    ["PNG image", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]],
    ["JPEG image", [0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]],
    ["GIF image", [...new TextEncoder().encode("GIF89a"), 1, 0, 1, 0]],
    ["PDF document", [...new TextEncoder().encode("%PDF-1.7\n%")]],
    ["ZIP archive", [0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0]],
    ["gzip archive", [0x1f, 0x8b, 8, 0]],
  ])("a %s is refused with what to do", (kind, header) => {
    const error = rejection(Uint8Array.from([...header, ...new TextEncoder().encode("padding text")]));
    expect(error.message).toContain(`looks like a binary file (${kind}`);
    expect(error.file).toBe(FILE);
    expect(error.fix).toMatch(/Remove it from content\/raw/);
  });

  test("unknown binary data (many control bytes) is refused", () => {
    const noise = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 32);
    expect(rejection(noise).message).toContain("looks like a binary file (unknown binary format)");
  });

  test("a headline that merely starts like a magic number is text", () => {
    expect(decodeText(bytes("GIF images banned\n\nBody."), FILE).text).toBe("GIF images banned\n\nBody.");
    expect(decodeText(bytes("PK-12 schools reopen\n\nBody."), FILE).text).toBe("PK-12 schools reopen\n\nBody.");
  });

  test("UTF-16 without a byte-order mark is recognised, with a warning", () => {
    const le = Uint8Array.from([...new TextEncoder().encode("Hello world\n\nBody text.")].flatMap((b) => [b, 0]));
    const { text, diagnostics } = decodeText(le, FILE);
    expect(text).toBe("Hello world\n\nBody text.");
    expect(diagnostics[0]?.message).toMatch(/UTF-16LE without a byte-order mark/);
  });

  test("Windows-1252 maps 0x80–0x9F to the characters Windows shows, not to controls", () => {
    const { text, diagnostics } = decodeText(bytes([0x93, 0x41, 0x94, 0x20, 0x96, 0x20, 0x80, 0x20, 0x85, 0x20, 0xe9]), FILE);
    expect(text).toBe("“A” – € … é");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.message).toContain("Windows-1252");
  });

  test("line endings become LF; stray controls and inner BOMs are removed with a warning", () => {
    const { text, diagnostics } = decodeText(bytes("a\r\nb\rc\n\u2028d\u000be\uFEFFf\u0007"), FILE);
    expect(text).toBe("a\nb\nc\n\ndef");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.message).toMatch(/Removed 3 control characters/);
  });

  test("an empty file decodes to empty text (parseRawArticle rejects it)", () => {
    expect(decodeText(new Uint8Array(), FILE)).toEqual({ text: "", diagnostics: [] });
  });

  test("a view into a larger buffer decodes only its own bytes", () => {
    const whole = bytes("IGNORED caf", [0xe9], " IGNORED");
    expect(decodeText(whole.subarray(8, 12), FILE).text).toBe("café");
  });
});
