// Builds the unpacked extension into dist/: one script per entry point, plus the static files.
import { build } from "esbuild";
import { cpSync, mkdirSync, rmSync } from "node:fs";

const out = "dist";
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ["src/background.ts", "src/content.ts", "src/popup.ts", "src/options.ts"],
  outdir: out,
  bundle: true,
  format: "iife",
  target: ["chrome120", "firefox121"],
  logLevel: "warning",
});
cpSync("static", out, { recursive: true });
console.log(`extension built in ${out}/`);
