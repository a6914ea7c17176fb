import Eleventy from "@11ty/eleventy";
const [input, output, prefix] = process.argv.slice(2);
const t = performance.now();
try {
  const e = new Eleventy(input, output, { configPath: "/work/main/.eleventy.ts", pathPrefix: prefix ?? "/", quietMode: true });
  await e.write();
  console.log("built in", Math.round(performance.now() - t), "ms");
} catch (err) {
  let e: any = err;
  while (e) { console.error(String(e.stack ?? e).split("\n").slice(0, 6).join("\n")); e = e.originalError ?? e.cause; }
  process.exit(1);
}
