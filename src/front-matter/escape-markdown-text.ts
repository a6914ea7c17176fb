// Plain article text → Markdown that renders back to the same text. Raw news can hold "*", "_", "<script>",
// "1. " at a paragraph start or "&amp;": all must show as written, never as markup (#7).

const INLINE_SPECIALS = /[\\`*_[\]<>|~]|&(?=#?\w+;)|!(?=\[)/g;
const BLOCK_START = /^(\s*)(#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|=+\s*$|-+\s*$|(\d{1,9})([.)])(?=\s|$))/;

export function escapeMarkdownText(text: string): string {
  const inline = text.trim().replace(/\s*\n\s*/g, " ").replace(INLINE_SPECIALS, (ch) => `\\${ch}`);
  return inline.replace(BLOCK_START, (_all, space: string, marker: string, digits?: string, delimiter?: string) =>
    digits !== undefined && delimiter !== undefined ? `${space}${digits}\\${delimiter}` : `${space}\\${marker}`,
  );
}
