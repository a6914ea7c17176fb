// The one Markdown pipeline of the site: remark-parse → paragraph ids → body headings → entity links → remark-html
// (sanitised). Pure: Markdown and the article's entity links in, HTML out. A body of plain paragraphs (every
// generated one) skips the parser: plainParagraphs builds the tree remark-parse would (#6).

import type { Root } from "mdast";
import remarkHtml from "remark-html";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { VFile } from "vfile";
import { remarkBodyHeadings } from "./remark-body-headings.ts";
import { remarkLinkEntities, type EntityLink } from "./remark-link-entities.ts";
import { remarkParagraphIds } from "./remark-paragraph-ids.ts";
import { plainParagraphs } from "./plain-paragraphs.ts";
import { articleSanitizeSchema } from "./sanitize-schema.ts";

export interface RenderArticleBodyOptions {
  /** Entities to link at their first mention (default: none). */
  readonly entityLinks?: readonly EntityLink[];
  /** Path for error messages (default: none). */
  readonly path?: string;
}

const processor = unified()
  .use(remarkParse)
  .use(remarkParagraphIds)
  .use(remarkBodyHeadings)
  .use(remarkLinkEntities)
  .use(remarkHtml, { sanitize: articleSanitizeSchema })
  .freeze();

export function renderArticleBody(markdown: string, options: Readonly<RenderArticleBodyOptions> = {}): string {
  const file = new VFile({ value: markdown, ...(options.path === undefined ? {} : { path: options.path }) });
  file.data.entityLinks = options.entityLinks ?? [];
  const tree = plainParagraphs(markdown) ?? processor.parse(file);
  // The transformers change the tree in place: it is still an mdast root.
  return String(processor.stringify(processor.runSync(tree, file) as Root, file));
}
