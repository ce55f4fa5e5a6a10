// Replaces src/lib/api/openapi.json with the document the backend in ../backend describes, then
// regenerates schema.d.ts from it. Needs the backend's virtualenv (backend/.venv).
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const backend = resolve(root, "../backend");
let document;
try {
  document = execFileSync(join(backend, ".venv/bin/vinyldigger"), ["openapi"], {
    cwd: backend,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
} catch {
  console.error("`vinyldigger openapi` failed (see above); openapi.json was left as it is.");
  process.exit(1);
}
// Parse before writing so a half-printed or non-JSON answer never replaces the committed file.
const parsed = JSON.parse(document);
writeFileSync(join(root, "src/lib/api/openapi.json"), `${JSON.stringify(parsed, null, 2)}\n`);
execFileSync(join(root, "node_modules/.bin/openapi-typescript"), ["src/lib/api/openapi.json", "-o", "src/lib/api/schema.d.ts"], {
  cwd: root,
  stdio: "inherit",
});
