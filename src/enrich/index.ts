export { extractEntities, EXTRACTOR_VERSION } from "./extract-entities.ts";
