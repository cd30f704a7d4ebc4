// Train minirnn on MicroPython (its WebAssembly port, under Node.js) and print
// the checkpoints, exactly as `python3 -m minirnn train --preset PRESET` would;
// or run one of drive.py's tasks (edition, lstm, gru) as `python3
// portability/drive.py TASK` would.
//
//   node portability/run_micropython.mjs TASK [--iterations N] [--chunk N] [--heapsize BYTES]
//
// MicroPython has no argparse, so this drives the library itself:
// minirnn.train_steps() for the training and minirnn.format_checkpoint() for
// the log.  This build of MicroPython frees no memory while one runPython()
// call is running (a gc.collect() inside the call reclaims nothing; the
// next call starts clean), so the training runs in chunks of --chunk
// iterations, one runPython() call each.  The article edition is one plain
// loop, so it runs in one call: every iteration's garbage stays (about
// 0.5 MB an iteration), and the heap grows to hold it.
//
// The checkpoints go to stdout.  Lines starting with "# " go to stderr: the
// runtime's version, the wall time of the training, and the heap it used.

import { loadMicroPython } from "@micropython/micropython-webassembly-pyscript";
import { DRIVEN, driverSource, minirnnSources, parseArguments } from "./runner.mjs";

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

version = "%d.%d.%d" % sys.implementation.version[:3]
`;

function copyPackage(FS) {
  FS.mkdir("/lib");
  FS.mkdir("/lib/minirnn");
  for (const [file, text] of minirnnSources()) FS.writeFile(`/lib/minirnn/${file}`, text);
  FS.writeFile("/lib/drive.py", driverSource());
}

async function main() {
  const options = parseArguments(process.argv[1], process.argv.slice(2),
                                 { iterations: 0, chunk: 100, heapsize: 1024 * 1024 });
  const mp = await loadMicroPython({
    heapsize: options.heapsize,
    stdout: (line) => process.stdout.write(line + "\n"),
    stderr: (line) => process.stderr.write(line + "\n"),
  });
  copyPackage(mp.FS);
  mp.runPython(DRIVER);
  process.stderr.write(`# runtime: MicroPython ${mp.globals.get("version")}\n`);

  const start = process.hrtime.bigint();
  if (DRIVEN.includes(options.preset)) {
    mp.runPython(`import drive\ndriver = drive.Driver(${JSON.stringify(options.preset)}, ${options.iterations || 0})\ndriver.peak = gc.mem_alloc()`);
  } else {
    mp.runPython(`driver = Driver(${JSON.stringify(options.preset)}, ${options.iterations || 0})`);
  }
  const chunk = `driver.run(${options.chunk})\ndriver.peak = max(driver.peak, gc.mem_alloc())`;
  do {
    mp.runPython(chunk);  // one call per chunk: the heap is reclaimed in between
  } while (!mp.globals.get("driver").done);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  mp.runPython("gc.collect()\nlive = gc.mem_alloc()");
  const live = mp.globals.get("live");
  process.stderr.write(`# seconds: ${seconds.toFixed(1)}\n`);
  process.stderr.write(
    `# heap: peak ${mp.globals.get("driver").peak} bytes in use within ` +
    (options.preset === "edition" ? "its one call, " : `a ${options.chunk}-iteration chunk, `) +
    `${live} bytes live after the run (initial heapsize ${options.heapsize})\n`);
}

main().catch((error) => {
  process.stderr.write(`run_micropython: ${error.name === "PythonError" ? error.message : error.stack}\n`);
  process.exit(1);
});
