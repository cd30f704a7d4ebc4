// Train minirnn on MicroPython (its WebAssembly port, under Node.js) and print
// the checkpoints, exactly as `python3 -m minirnn train --preset PRESET` would.
//
//   node portability/run_micropython.mjs PRESET [--iterations N] [--chunk N] [--heapsize BYTES]
//
// MicroPython has no argparse, so this drives the library itself:
// minirnn.train_steps() for the training and minirnn.format_checkpoint() for
// the log.  This build of MicroPython frees no memory while one runPython()
// call is running (a gc.collect() inside the call reclaims nothing; the
// next call starts clean), so the training runs in chunks of --chunk
// iterations, one runPython() call each.
//
// The checkpoints go to stdout.  Lines starting with "# " go to stderr: the
// runtime's version, the wall time of the training, and the heap it used.

import { readdirSync, readFileSync } from "fs";
import { dirname, join } from "path";
import { fileURLToPath } from "url";
import { loadMicroPython } from "@micropython/micropython-webassembly-pyscript";

const HERE = dirname(fileURLToPath(import.meta.url));
const PACKAGE = join(HERE, "..", "minirnn");
// The command line needs argparse, which MicroPython lacks; the rest is the library.
const NOT_FOR_MICROPYTHON = new Set(["cli.py", "__main__.py"]);

function parseArguments(argv) {
  const options = { preset: null, iterations: null, chunk: 100, heapsize: 1024 * 1024 };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, "");
    if (argv[i].startsWith("--") && name in options && i + 1 < argv.length) {
      options[name] = parseInt(argv[++i], 10);
      if (!(options[name] > 0)) usage(`${argv[i - 1]} needs a whole number > 0`);
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
    `run_micropython: ${message}\n` +
    "usage: node run_micropython.mjs PRESET [--iterations N] [--chunk N] [--heapsize BYTES]\n");
  process.exit(2);
}

// The Python side: start the generator once, then run() one chunk per call.
// gc.mem_alloc() at the end of a chunk is the most the heap held during it,
// since nothing inside the call was freed.
const DRIVER = `
import gc
import sys
import minirnn

class Driver:
    def __init__(self, preset, iterations):
        settings = dict(minirnn.PRESETS[preset])
        self.print_every = settings.pop("print_every")
        if iterations:
            settings["iterations"] = iterations
        self.steps = minirnn.train_steps(**settings)
        self.done = False
        self.peak = gc.mem_alloc()

    def run(self, chunk):
        for _ in range(chunk):
            try:
                step = next(self.steps)
            except StopIteration:
                self.done = True
                break
            if step.iteration % self.print_every == 0:
                print(minirnn.format_checkpoint(step))
        self.peak = max(self.peak, gc.mem_alloc())

version = "%d.%d.%d" % sys.implementation.version[:3]
`;

function copyPackage(FS) {
  FS.mkdir("/lib");
  FS.mkdir("/lib/minirnn");
  for (const name of readdirSync(PACKAGE)) {
    if (name.endsWith(".py") && !NOT_FOR_MICROPYTHON.has(name)) {
      FS.writeFile(`/lib/minirnn/${name}`, readFileSync(join(PACKAGE, name), "utf8"));
    }
  }
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const mp = await loadMicroPython({
    heapsize: options.heapsize,
    stdout: (line) => process.stdout.write(line + "\n"),
    stderr: (line) => process.stderr.write(line + "\n"),
  });
  copyPackage(mp.FS);
  mp.runPython(DRIVER);
  process.stderr.write(`# runtime: MicroPython ${mp.globals.get("version")}\n`);

  const start = process.hrtime.bigint();
  mp.runPython(`driver = Driver(${JSON.stringify(options.preset)}, ${options.iterations || 0})`);
  const chunk = `driver.run(${options.chunk})`;
  do {
    mp.runPython(chunk);  // one call per chunk: the heap is reclaimed in between
  } while (!mp.globals.get("driver").done);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  mp.runPython("gc.collect()\nlive = gc.mem_alloc()");
  const live = mp.globals.get("live");
  process.stderr.write(`# seconds: ${seconds.toFixed(1)}\n`);
  process.stderr.write(
    `# heap: peak ${mp.globals.get("driver").peak} bytes in use within a ${options.chunk}-iteration chunk, ` +
    `${live} bytes live after the run (initial heapsize ${options.heapsize})\n`);
}

main().catch((error) => {
  process.stderr.write(`run_micropython: ${error.name === "PythonError" ? error.message : error.stack}\n`);
  process.exit(1);
});
