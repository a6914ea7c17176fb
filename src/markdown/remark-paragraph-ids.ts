// Gives every top-level paragraph a stable id ("p1", "p2", …) so that entity pages can link to the
// sentence where an entity is mentioned. Numbering matches the paragraph ids in front matter.

import type { Root } from "mdast";

/** Sets `id="pN"` on the N-th top-level paragraph (1-based). Other blocks are not counted. */
export function remarkParagraphIds() {
  return (tree: Root): undefined => {
    let n = 0;
    for (const node of tree.children) {
      if (node.type !== "paragraph") continue;
      n += 1;
      node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id: `p${n}` } };
    }
  };
}
