export { articleFrontMatterSchema, slugSchema, type ArticleFrontMatter } from "./article-front-matter-schema.ts";
export { parseArticleFile, type ArticleFile } from "./parse-article-file.ts";
export { serializeArticle, serializeArticleFile, bodySha256, isUnedited } from "./serialize-article.ts";
export { escapeMarkdownText } from "./escape-markdown-text.ts";
export {
  keepOneFilePerSlug,
  leftOutOfSite,
  selectArticleFiles,
  type ArticleFileSelection,
  type SelectedArticleFile,
} from "./select-article-files.ts";
