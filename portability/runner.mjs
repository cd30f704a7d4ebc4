// What the Node.js runners (run_pyodide.mjs, run_micropython.mjs,
// run_browser.mjs) share: their command line, minirnn's sources and
// drive.py, which runs the tasks beside the presets.

import { readdirSync, readFileSync } from "fs";
import { basename, dirname, join } from "path";
import { fileURLToPath } from "url";

const HERE = dirname(fileURLToPath(import.meta.url));
const PACKAGE = join(HERE, "..", "minirnn");
export const PRESETS = ["article", "subtraction"];
// drive.py's tasks: the article edition, and the gated cells' golden logs.
export const DRIVEN = ["edition", "lstm", "gru"];

// The task (a preset, or one of DRIVEN) and the runner's --options.
// defaults maps each option to its default: a number for a whole-number
// option (N > 0), null for a path.  tasks: the ones this runner can do.
export function parseArguments(script, argv, defaults, tasks = PRESETS.concat(DRIVEN)) {
  const name = basename(script);
  const words = Object.keys(defaults).map(
    (option) => `[--${option} ${typeof defaults[option] === "number" ? "N" : "PATH"}]`);
  const fail = (message) => {
    process.stderr.write(`${name}: ${message}\nusage: node ${name} ${tasks.join("|")} ${words.join(" ")}\n`);
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
    } else if (options.preset === null && tasks.includes(argv[i])) {
      options.preset = argv[i];
    } else {
      fail(`unexpected argument ${argv[i]}`);
    }
  }
  if (options.preset === null) fail("which task?");
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

// drive.py's text, to be imported beside minirnn.
export function driverSource() {
  return readFileSync(join(HERE, "drive.py"), "utf8");
}
