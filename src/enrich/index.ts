export { extractEntities } from "./extract-entities.ts";
export { EXTRACTOR_VERSION } from "./extractor-version.ts";
