import { buildSearchIndex } from "./src/site/index.ts";
const t = performance.now();
console.log(await buildSearchIndex({ siteDir: process.argv[2]!, pathPrefix: process.argv[3] ?? "/" }), Math.round(performance.now() - t), "ms");
