// Train minirnn on Pyodide (CPython compiled to WebAssembly, as a browser
// runs it) under Node.js, and print the checkpoints, exactly as
// `python3 -m minirnn train --preset PRESET` would.
//
//   node portability/run_pyodide.mjs PRESET [--iterations N]
//
// Pyodide loads from the npm package's own files: nothing is downloaded.
// The minirnn sources are written into Pyodide's in-memory file system and
// imported from there, as a web page would do after fetching them.
//
// The checkpoints go to stdout.  Lines starting with "# " go to stderr: the
// runtime's version and the wall time of the training.

import { readdirSync, readFileSync } from "fs";
import { dirname, join } from "path";
import { fileURLToPath } from "url";
import { loadPyodide } from "pyodide";

const HERE = dirname(fileURLToPath(import.meta.url));
const PACKAGE = join(HERE, "..", "minirnn");
const SITE = "/home/pyodide/site";

function parseArguments(argv) {
  const options = { preset: null, iterations: 0 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--iterations" && i + 1 < argv.length) {
      options.iterations = parseInt(argv[++i], 10);
      if (!(options.iterations > 0)) usage("--iterations needs a whole number > 0");
    } else if (options.preset === null && !argv[i].startsWith("-")) {
      options.preset = argv[i];
    } else {
      usage(`unexpected argument ${argv[i]}`);
    }
  }
  if (options.preset === null) usage("which preset?");
  return options;
}

function usage(message) {
  process.stderr.write(
    `run_pyodide: ${message}\nusage: node run_pyodide.mjs PRESET [--iterations N]\n`);
  process.exit(2);
}

function copyPackage(FS) {
  FS.mkdirTree(`${SITE}/minirnn`);
  for (const name of readdirSync(PACKAGE)) {
    if (name.endsWith(".py")) {
      FS.writeFile(`${SITE}/minirnn/${name}`, readFileSync(join(PACKAGE, name), "utf8"));
    }
  }
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const pyodide = await loadPyodide({
    stdout: (line) => process.stdout.write(line + "\n"),
    stderr: (line) => process.stderr.write(line + "\n"),
  });
  copyPackage(pyodide.FS);
  pyodide.runPython(`
import platform, sys
sys.path.insert(0, ${JSON.stringify(SITE)})
import minirnn
`);
  process.stderr.write(
    `# runtime: Pyodide ${pyodide.version} (Python ${pyodide.runPython("platform.python_version()")})\n`);

  const start = process.hrtime.bigint();
  pyodide.runPython(`
settings = dict(minirnn.PRESETS[${JSON.stringify(options.preset)}])
if ${options.iterations}:
    settings["iterations"] = ${options.iterations}
minirnn.train(**settings)
`);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  process.stderr.write(`# seconds: ${seconds.toFixed(1)}\n`);
}

main().catch((error) => {
  process.stderr.write(`run_pyodide: ${error.message || error}\n`);
  process.exit(1);
});
