import { describe, expect, it } from "vitest";
import { mapFromText, mapToText } from "../../src/cli/string-map-file.ts";

describe("mapToText / mapFromText", () => {
  it("reads back the map it wrote, in its order, whatever its strings hold", () => {
    const map = new Map([
      ["/articles/harbour/", "a1"],
      ["/entities/person/ana-ruiz/", "b2"],
      ['odd "key"\twith\nbreaks', ""],
    ]);
    const back = mapFromText(mapToText(map));
    expect(back && [...back]).toEqual([...map]);
  });

  it("reads no map from a record of the older format (an object keyed by page) or from broken text", () => {
    expect(mapFromText(JSON.stringify({ "/articles/harbour/": "a1" }))).toBeUndefined();
    expect(mapFromText(JSON.stringify(["/articles/harbour/"]))).toBeUndefined();
    expect(mapFromText(JSON.stringify(["/articles/harbour/", 3]))).toBeUndefined();
    expect(mapFromText('["/articles/harbour/", "a')).toBeUndefined();
  });
});
