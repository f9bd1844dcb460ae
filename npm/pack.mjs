// Makes the npm packages of one backroad release, as tarballs ready for
// `npm publish` (the release workflow) or `npm install` (cargo xtask dist):
//
//   node npm/pack.mjs --version 0.1.0 --out DIR [--binary linux-x64=PATH]...
//
// DIR/backroad-<version>.tgz is the package users install: the launcher
// (backroad/bin/backroad.js) and platforms.json, its optional dependencies
// pinned to this version. Each --binary adds DIR/backroad-<key>-<version>.tgz,
// the package @backroad/<key> with that binary, restricted by `os` and `cpu`
// to the machines it runs on.
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    version: { type: "string" },
    out: { type: "string" },
    binary: { type: "string", multiple: true, default: [] },
  },
});
if (!values.version || !values.out) {
  console.error("usage: node npm/pack.mjs --version V --out DIR [--binary KEY=PATH]...");
  process.exit(2);
}
const version = values.version;
const out = path.resolve(values.out);
const platforms = JSON.parse(readFileSync(path.join(here, "platforms.json"), "utf8"));
delete platforms["//"];
const license = path.join(here, "..", "LICENSE");

function pack(dir) {
  const name = execFileSync("npm", ["pack", "--silent", "--pack-destination", out], { cwd: dir, encoding: "utf8" });
  console.log(path.join(out, name.trim()));
}

function writeJson(file, value) {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

mkdirSync(out, { recursive: true });

// The launcher package, its version and its dependencies' versions stamped.
const main = path.join(out, "backroad");
rmSync(main, { recursive: true, force: true });
cpSync(path.join(here, "backroad"), main, { recursive: true });
copyFileSync(path.join(here, "platforms.json"), path.join(main, "platforms.json"));
copyFileSync(license, path.join(main, "LICENSE"));
const manifest = JSON.parse(readFileSync(path.join(main, "package.json"), "utf8"));
const listed = Object.keys(manifest.optionalDependencies).sort();
const known = Object.keys(platforms).map((key) => `@backroad/${key}`).sort();
if (listed.join() !== known.join()) {
  console.error(`error: npm/backroad/package.json's optionalDependencies (${listed}) are not platforms.json's (${known})`);
  process.exit(1);
}
manifest.version = version;
for (const name of listed) manifest.optionalDependencies[name] = version;
writeJson(path.join(main, "package.json"), manifest);
pack(main);

// One package per binary given.
for (const given of values.binary) {
  const [key, binary] = given.split(/=(.*)/s);
  const platform = platforms[key];
  if (!platform || !binary) {
    console.error(`error: --binary ${given}: say KEY=PATH, KEY one of ${Object.keys(platforms).join(", ")}`);
    process.exit(2);
  }
  const dir = path.join(out, key);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "bin"), { recursive: true });
  copyFileSync(binary, path.join(dir, "bin", platform.exe));
  chmodSync(path.join(dir, "bin", platform.exe), 0o755);
  copyFileSync(license, path.join(dir, "LICENSE"));
  writeJson(path.join(dir, "package.json"), {
    name: `@backroad/${key}`,
    version,
    description: `The backroad binary for ${key} (${platform.target}); install backroad instead`,
    license: manifest.license,
    os: [platform.os],
    cpu: [platform.cpu],
    files: ["bin/", "LICENSE"],
  });
  writeFileSync(path.join(dir, "README.md"), `# @backroad/${key}\n\nThe backroad binary for ${key}. Install \`backroad\`, which picks it.\n`);
  pack(dir);
}
