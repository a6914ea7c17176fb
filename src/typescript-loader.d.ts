// Types of typescript-loader.js (plain JavaScript, loaded by bin/broadsheet.js before tsx).
export declare function useTypeScriptLoader(): Promise<void>;
