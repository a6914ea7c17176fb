// A map of strings to strings as a file's text, for the build's own records (page digests, text hashes): one
// flat JSON array, key then value. An object keyed by page took 4× as long to parse (97 against 22 ms for the
// 26,000 page digests of 10,000 articles; ten times that at 100,000, #6): V8 makes a large object a dictionary.

/** The map as text (mapFromText reads it back). */
export function mapToText(map: ReadonlyMap<string, string>): string {
  const flat: string[] = [];
  for (const [key, value] of map) flat.push(key, value);
  return JSON.stringify(flat);
}

/** The map that `text` holds; undefined when it holds none (not written by mapToText: a record of an older version). */
export function mapFromText(text: string): Map<string, string> | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(data) || data.length % 2 !== 0) return undefined;
  const map = new Map<string, string>();
  for (let i = 0; i < data.length; i += 2) {
    const key: unknown = data[i];
    const value: unknown = data[i + 1];
    if (typeof key !== "string" || typeof value !== "string") return undefined;
    map.set(key, value);
  }
  return map;
}
