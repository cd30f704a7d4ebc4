// What the Node.js runners (run_pyodide.mjs, run_micropython.mjs,
// run_browser.mjs) share: their command line, and minirnn's sources.

import { readdirSync, readFileSync } from "fs";
import { basename, dirname, join } from "path";
import { fileURLToPath } from "url";

const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), "..", "minirnn");
const PRESETS = ["article", "subtraction"];

// PRESET and the runner's --options.  defaults maps each option to its
// default: a number for a whole-number option (N > 0), null for a path.
export function parseArguments(script, argv, defaults) {
  const name = basename(script);
  const words = Object.keys(defaults).map(
    (option) => `[--${option} ${typeof defaults[option] === "number" ? "N" : "PATH"}]`);
  const fail = (message) => {
    process.stderr.write(`${name}: ${message}\nusage: node ${name} ${PRESETS.join("|")} ${words.join(" ")}\n`);
    process.exit(2);
  };
  const options = { preset: null, ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const option = argv[i].startsWith("--") ? argv[i].slice(2) : null;
    if (option !== null && option in defaults && i + 1 < argv.length) {
      const value = argv[++i];
      options[option] = typeof defaults[option] === "number" ? Number(value) : value;
      if (typeof defaults[option] === "number" && !(Number.isInteger(options[option]) && options[option] > 0)) {
        fail(`--${option} needs a whole number > 0, got ${value}`);
      }
    } else if (options.preset === null && PRESETS.includes(argv[i])) {
      options.preset = argv[i];
    } else {
      fail(`unexpected argument ${argv[i]}`);
    }
  }
  if (options.preset === null) fail("which preset?");
  return options;
}

// [[file name, text]] of minirnn's modules; the command line (cli.py,
// __main__.py, which need argparse) only if asked for.
export function minirnnSources({ commandLine = false } = {}) {
  const skip = commandLine ? [] : ["cli.py", "__main__.py"];
  return readdirSync(PACKAGE)
    .filter((file) => file.endsWith(".py") && !skip.includes(file))
    .map((file) => [file, readFileSync(join(PACKAGE, file), "utf8")]);
}
