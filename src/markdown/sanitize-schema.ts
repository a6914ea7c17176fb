// What the article body may contain after sanitising: GitHub's schema, minus images (a body must not
// load from other hosts), plus our paragraph ids and entity-link class. Ids keep no "user-content-"
// prefix, because other pages link to "#p6".

import { defaultSchema, type Schema } from "hast-util-sanitize";

const star = (defaultSchema.attributes?.["*"] ?? []).filter((attribute) => attribute !== "id");

export const articleSanitizeSchema: Readonly<Schema> = {
  ...defaultSchema,
  clobber: (defaultSchema.clobber ?? []).filter((name) => name !== "id"),
  tagNames: (defaultSchema.tagNames ?? []).filter((name) => name !== "img" && name !== "picture" && name !== "source"),
  attributes: {
    ...defaultSchema.attributes,
    "*": star,
    p: [["id", /^p\d+$/]],
    a: [
      ...(defaultSchema.attributes?.["a"] ?? []).filter((attribute) => !(Array.isArray(attribute) && attribute[0] === "className")),
      ["className", "entity"],
    ],
  },
};
