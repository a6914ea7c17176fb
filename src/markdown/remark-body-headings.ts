// A heading a person writes into an article body becomes an h2: the page's h1 is the headline, and
// headings must not skip levels (axe "heading-order", issue 5). Generated bodies have none.

import type { Root } from "mdast";

export function remarkBodyHeadings() {
  return (tree: Root): undefined => {
    for (const node of tree.children) if (node.type === "heading") node.depth = 2;
  };
}
