// What the browser test is told: its command line, and the idea it tests as
// `backroad list --json` describes it.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";

export function parseOptions() {
  const usage =
    "usage: node e2e.mjs --url http://127.0.0.1:PORT --idea IDEA --screenshot PATH.png [--backroad BIN]";
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        url: { type: "string" },
        idea: { type: "string" },
        screenshot: { type: "string" },
        backroad: { type: "string", default: "backroad" },
      },
    }));
  } catch (error) {
    console.log(`${error.message}\n${usage}`);
    process.exit(2);
  }
  if (!values.url || !values.idea || !values.screenshot) {
    console.log(usage);
    process.exit(2);
  }
  values.url = values.url.replace(/\/+$/, "");
  mkdirSync(dirname(values.screenshot), { recursive: true });
  return values;
}

export // The idea as `backroad list --json` describes it: features, limits, nouns.
function ideaFromCatalog({ backroad, idea: name }) {
  let catalog;
  try {
    catalog = JSON.parse(execFileSync(backroad, ["list", "--json"], { encoding: "utf8" }));
  } catch (error) {
    console.log(`FAIL read the catalog with \`${backroad} list --json\`: ${error.message}`);
    process.exit(2);
  }
  const idea = catalog.ideas.find((i) => i.name === name);
  if (!idea) {
    console.log(`unknown idea ${name}: the catalog has ${catalog.ideas.map((i) => i.name).join(", ")}`);
    process.exit(2);
  }
  return idea;
}
