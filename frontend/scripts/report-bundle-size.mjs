// Prints the gzipped size of the JavaScript a browser must fetch before the first render: the
// entry script and the chunks dist/index.html preloads. Lazily loaded pages are not counted.
// Exits non-zero when that exceeds the budget, so a heavy import on the start path fails the build.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 300;
const distDir = resolve(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const html = readFileSync(join(distDir, "index.html"), "utf8");

const referenced = new Set();
for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
  const isEntry = tag.startsWith("<script") && /type="module"/.test(tag);
  const isPreload = tag.startsWith("<link") && /rel="modulepreload"/.test(tag);
  const url = /(?:src|href)="([^"]+)"/.exec(tag)?.[1];
  if ((isEntry || isPreload) && url?.endsWith(".js")) referenced.add(url);
}

if (referenced.size === 0) {
  console.error("initial JS: no entry script found in dist/index.html");
  process.exit(1);
}

let totalBytes = 0;
for (const url of referenced) {
  const file = join(distDir, url.replace(/^\//, ""));
  const gzipped = gzipSync(readFileSync(file), { level: 9 }).length;
  totalBytes += gzipped;
  console.log(`  ${url}  ${(gzipped / 1000).toFixed(1)} kB gzipped`);
}

const totalKb = totalBytes / 1000;
console.log(`initial JS: ${totalKb.toFixed(1)} kB gzipped (budget ${BUDGET_KB} kB)`);
if (totalKb > BUDGET_KB) {
  console.error(`initial JS is over budget by ${(totalKb - BUDGET_KB).toFixed(1)} kB`);
  process.exit(1);
}
