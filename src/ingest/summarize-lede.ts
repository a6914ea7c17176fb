// The summary is the lede, at most 300 characters, cut on a word boundary (issue 2).

export const SUMMARY_MAX_LENGTH = 300;
const ELLIPSIS = "…";

export function summarizeLede(lede: string, maxLength: number = SUMMARY_MAX_LENGTH): string {
  const text = lede.trim();
  if (text.length <= maxLength) return text;
  const room = maxLength - ELLIPSIS.length;
  const space = text.lastIndexOf(" ", room);
  // One enormous word (a pasted URL, a 100,000-character line): cut it, but never inside a surrogate pair.
  let cut = space > 0 ? space : room;
  if (space <= 0 && isHighSurrogate(text.charCodeAt(cut - 1))) cut--;
  const head = text.slice(0, cut).replace(/[\s,;:–—-]+$/u, "");
  return head + ELLIPSIS;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
