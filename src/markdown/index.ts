export { renderArticleBody, type RenderArticleBodyOptions } from "./render-article-body.ts";
export { remarkLinkEntities, type EntityLink } from "./remark-link-entities.ts";
export { remarkParagraphIds } from "./remark-paragraph-ids.ts";
export { articleSanitizeSchema } from "./sanitize-schema.ts";
export { remarkBodyHeadings } from "./remark-body-headings.ts";
