// How long loading the extractor takes (gazetteers are built once per process): node --import tsx bench/extract-startup.ts
const t = performance.now();
const cpu = process.cpuUsage();
await import("../src/enrich/index.ts");
const used = process.cpuUsage(cpu);
console.log(`extractor loaded in ${(performance.now() - t).toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms CPU, heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
