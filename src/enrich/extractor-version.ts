// Kept apart from the extractor so that reading the version does not load the gazetteers (~1 s).
// Bump it when the output format changes; code changes are caught by the CLI's fingerprint anyway.
export const EXTRACTOR_VERSION = "broadsheet-extract/1.0.0";
