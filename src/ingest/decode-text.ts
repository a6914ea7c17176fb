// Raw bytes → clean text: pick the encoding, normalise line endings, drop NULs, refuse binaries (issue 7).

import iconv from "iconv-lite";
import { RawArticleError } from "../errors.ts";
import type { Diagnostic } from "../types.ts";

export interface DecodedText {
  /** LF line endings only, no BOM, no NUL. */
  readonly text: string;
  readonly diagnostics: Diagnostic[];
}

/** Signatures of the files most often dropped into a folder by mistake. */
const MAGIC_NUMBERS: readonly { readonly kind: string; readonly bytes: readonly number[]; readonly at?: number }[] = [
  { kind: "PNG image", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { kind: "JPEG image", bytes: [0xff, 0xd8, 0xff] },
  { kind: "GIF image", bytes: [0x47, 0x49, 0x46, 0x38] },
  { kind: "WebP image", bytes: [0x57, 0x45, 0x42, 0x50], at: 8 },
  { kind: "TIFF image", bytes: [0x49, 0x49, 0x2a, 0x00] },
  { kind: "TIFF image", bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { kind: "PDF document", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { kind: "ZIP archive (or .docx/.odt document)", bytes: [0x50, 0x4b, 0x03, 0x04] },
  { kind: "gzip archive", bytes: [0x1f, 0x8b] },
  { kind: "old Word/Excel document", bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { kind: "executable (ELF)", bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { kind: "WebAssembly module", bytes: [0x00, 0x61, 0x73, 0x6d] },
];

/** Share of control bytes (in the sample) above which a file is not text, once there are a few of them. */
const BINARY_CONTROL_SHARE = 0.1;
const BINARY_MIN_CONTROLS = 16;
const BINARY_SAMPLE_BYTES = 64 * 1024;

export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  const diagnostics: Diagnostic[] = [];
  let text: string;

  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    text = decodeUtf8(bytes.subarray(3), file, diagnostics);
  } else if (startsWith(bytes, [0xff, 0xfe])) {
    text = decodeUtf16(bytes.subarray(2), "utf-16le", file, diagnostics);
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    text = decodeUtf16(bytes.subarray(2), "utf-16be", file, diagnostics);
  } else {
    const magic = MAGIC_NUMBERS.find((m) => startsWith(bytes, m.bytes, m.at ?? 0));
    if (magic) throw binaryError(file, magic.kind);
    const utf16 = guessBomlessUtf16(bytes);
    if (utf16) {
      diagnostics.push({
        severity: "warning",
        file,
        message: `Decoded as ${utf16.toUpperCase()} without a byte-order mark (guessed from the zero bytes)`,
        fix: "Re-save the file as UTF-8",
      });
      text = decodeUtf16(bytes, utf16, file, diagnostics);
    } else {
      if (isMostlyControls(bytes)) throw binaryError(file, "unknown binary format");
      text = decodeUtf8(bytes, file, diagnostics);
    }
  }

  text = normaliseLineEndings(text);
  return { text: removeControls(text, file, diagnostics), diagnostics };
}

function decodeUtf8(bytes: Uint8Array, file: string, diagnostics: Diagnostic[]): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const scan = scanUtf8(bytes);
    const where = { file, line: lineAtByte(bytes, scan.firstInvalid) };
    const bad = `0x${(bytes[scan.firstInvalid] ?? 0).toString(16).padStart(2, "0")} at byte ${scan.firstInvalid}`;
    if (scan.validMultibyte > 0) {
      // Real UTF-8 with a few damaged bytes: re-reading it all as Windows-1252 would garble every accent.
      diagnostics.push({
        severity: "warning",
        ...where,
        message: `Invalid UTF-8 (first bad byte ${bad}); the bad bytes became "\uFFFD"`,
        fix: "Fix the damaged characters and re-save the file as UTF-8",
      });
      return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    }
    // No UTF-8 at all: the usual culprit is a Windows editor's "ANSI" (Windows-1252, a superset of Latin-1).
    // Node's TextDecoder reads "windows-1252" as Latin-1 (0x93 stays a control), hence iconv-lite.
    diagnostics.push({
      severity: "warning",
      ...where,
      message: `Not UTF-8 (first non-UTF-8 byte ${bad}); decoded as Windows-1252`,
      fix: "Check the accents and quotes on the page, then re-save the file as UTF-8",
    });
    return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "windows-1252");
  }
}

function decodeUtf16(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be", file: string, diagnostics: Diagnostic[]): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    diagnostics.push({
      severity: "warning",
      file,
      message: `Damaged ${encoding.toUpperCase()} text (odd length or unpaired surrogate); the bad characters became "\uFFFD"`,
      fix: "Re-save the file as UTF-8",
    });
    return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
  }
}

/** ASCII text in UTF-16 has a zero in every other byte: far more than any 8-bit text has. */
function guessBomlessUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const length = Math.min(bytes.length, BINARY_SAMPLE_BYTES) & ~1;
  if (length < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = length / 2;
  if (oddZeros > pairs * 0.6 && evenZeros < pairs * 0.05) return "utf-16le";
  if (evenZeros > pairs * 0.6 && oddZeros < pairs * 0.05) return "utf-16be";
  return undefined;
}

/** Control bytes (below 0x20 except tab, LF, FF, CR; and DEL) make up more than a tenth of the sample. */
function isMostlyControls(bytes: Uint8Array): boolean {
  const length = Math.min(bytes.length, BINARY_SAMPLE_BYTES);
  let controls = 0;
  for (let i = 0; i < length; i++) {
    const b = bytes[i] ?? 0;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f) controls++;
  }
  return controls >= BINARY_MIN_CONTROLS && controls > length * BINARY_CONTROL_SHARE;
}

function binaryError(file: string, kind: string): RawArticleError {
  return new RawArticleError(`looks like a binary file (${kind}), not text`, {
    file,
    fix: "Remove it from content/raw or replace it with the article's text",
  });
}

function normaliseLineEndings(text: string): string {
  return text.replace(/\r\n?|[\u2028\u2029]/g, "\n");
}

/** NULs and other C0 controls are invisible garbage in an article (tab, LF and FF are whitespace). */
function removeControls(text: string, file: string, diagnostics: Diagnostic[]): string {
  let nuls = 0;
  let others = 0;
  let firstLine: number | undefined;
  let line = 1;
  let cleaned = "";
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line++;
    const isNul = c === 0;
    // A BOM inside the text (two files glued together) is as invisible as a control.
    const isControl = (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c) || c === 0x7f || c === 0xfeff;
    if (!isNul && !isControl) continue;
    if (isNul) nuls++;
    else others++;
    firstLine ??= line;
    cleaned += text.slice(start, i);
    start = i + 1;
  }
  if (firstLine === undefined) return text;
  cleaned += text.slice(start);
  const what = [nuls ? `${nuls} NUL byte${nuls === 1 ? "" : "s"}` : "", others ? `${others} control character${others === 1 ? "" : "s"}` : ""]
    .filter(Boolean)
    .join(" and ");
  diagnostics.push({
    severity: "warning",
    file,
    line: firstLine,
    message: `Removed ${what} (first on line ${firstLine})`,
    fix: "Re-save the file from a text editor; NUL bytes usually mean a damaged copy or a UTF-16 file without a byte-order mark",
  });
  return cleaned;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

/** Where UTF-8 first breaks, and how many well-formed multi-byte characters the bytes hold. */
function scanUtf8(bytes: Uint8Array): { firstInvalid: number; validMultibyte: number } {
  let firstInvalid = -1;
  let validMultibyte = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    let ok = need >= 0;
    for (let k = 1; ok && k <= need; k++) ok = ((bytes[i + k] ?? 0) & 0xc0) === 0x80 && i + k < bytes.length;
    if (!ok) {
      if (firstInvalid < 0) firstInvalid = i;
      i++;
      continue;
    }
    if (need > 0) validMultibyte++;
    i += need + 1;
  }
  return { firstInvalid: Math.max(0, firstInvalid), validMultibyte };
}

function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
