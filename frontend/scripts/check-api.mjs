// Fails when src/lib/api/schema.d.ts is not what `npm run gen:api` would produce from the
// committed openapi.json, i.e. someone edited one without regenerating the other.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const committed = join(root, "src/lib/api/schema.d.ts");
const tempDir = mkdtempSync(join(tmpdir(), "vinyldigger-api-"));
const regenerated = join(tempDir, "schema.d.ts");

try {
  execFileSync(
    join(root, "node_modules/.bin/openapi-typescript"),
    [join(root, "src/lib/api/openapi.json"), "-o", regenerated],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  if (readFileSync(regenerated, "utf8") !== readFileSync(committed, "utf8")) {
    console.error("src/lib/api/schema.d.ts is out of date with openapi.json: run `npm run gen:api` and commit the result.");
    process.exitCode = 1;
  } else {
    console.log("schema.d.ts matches openapi.json");
  }
} finally {
  rmSync(tempDir, { recursive: true, force: true });
}
