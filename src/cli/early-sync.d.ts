// Types of early-sync.js (plain JavaScript, loaded by bin/broadsheet.js before tsx).
export declare function startSyncEarly(argv: readonly string[]): void;
export declare function stopUnadoptedSync(): Promise<void>;
