// Train minirnn on Pyodide (CPython compiled to WebAssembly, as a browser
// runs it) under Node.js, and print the checkpoints, exactly as
// `python3 -m minirnn train --preset PRESET` would; or run one of drive.py's
// tasks (edition, lstm, gru) as `python3 portability/drive.py TASK` would.
//
//   node portability/run_pyodide.mjs TASK [--iterations N]
//
// Pyodide loads from the npm package's own files: nothing is downloaded.
// The minirnn sources are written into Pyodide's in-memory file system and
// imported from there, as a web page would do after fetching them.
//
// The checkpoints go to stdout.  Lines starting with "# " go to stderr: the
// runtime's version and the wall time of the training.

import { loadPyodide } from "pyodide";
import { DRIVEN, driverSource, minirnnSources, parseArguments } from "./runner.mjs";

const SITE = "/home/pyodide/site";

function copyPackage(FS) {
  FS.mkdirTree(`${SITE}/minirnn`);
  for (const [file, text] of minirnnSources({ commandLine: true })) {
    FS.writeFile(`${SITE}/minirnn/${file}`, text);
  }
  FS.writeFile(`${SITE}/drive.py`, driverSource());
}

async function main() {
  const options = parseArguments(process.argv[1], process.argv.slice(2), { iterations: 0 });
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
  if (DRIVEN.includes(options.preset)) {
    pyodide.runPython(`
import drive
driver = drive.Driver(${JSON.stringify(options.preset)}, ${options.iterations})
while not driver.done:
    driver.run(1000)
`);
  } else {
    pyodide.runPython(`
settings = dict(minirnn.PRESETS[${JSON.stringify(options.preset)}])
if ${options.iterations}:
    settings["iterations"] = ${options.iterations}
minirnn.train(**settings)
`);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  process.stderr.write(`# seconds: ${seconds.toFixed(1)}\n`);
}

main().catch((error) => {
  process.stderr.write(`run_pyodide: ${error.message || error}\n`);
  process.exit(1);
});
