#!/usr/bin/env node
// `npx backroad ...`: runs the backroad binary of this machine's platform.
//
// The binary comes in a package of its own per platform (@backroad/linux-x64,
// ...), each an optional dependency of this one that declares its `os` and
// `cpu`: npm installs only the one that fits, as it does for esbuild and
// biome. This script finds it and hands over: arguments, terminal, exit code.
"use strict";

const { spawnSync } = require("node:child_process");
const path = require("node:path");
const platforms = require("../platforms.json");

const key = `${process.platform}-${process.arch}`;
const platform = platforms[key];
if (!platform || key === "//") {
  const known = Object.keys(platforms).filter((k) => k !== "//").join(", ");
  console.error(`error: backroad has no binary for ${key} (only ${known}); install it with cargo: cargo install backroad`);
  process.exit(1);
}

let binary;
try {
  binary = require.resolve(`@backroad/${key}/bin/${platform.exe}`);
} catch {
  console.error(
    `error: the package @backroad/${key} is missing (installed with --no-optional, or on another machine?); reinstall backroad: npm install backroad`,
  );
  process.exit(1);
}

// stdio inherited: the wizard talks to the terminal directly.
const result = spawnSync(binary, process.argv.slice(2), { stdio: "inherit" });
if (result.error) {
  console.error(`error: could not run ${path.basename(binary)}: ${result.error.message}`);
  process.exit(1);
}
if (result.signal) {
  // Die the same way (Ctrl-C: SIGINT), so that a shell sees what happened.
  process.kill(process.pid, result.signal);
}
process.exit(result.status ?? 1);
