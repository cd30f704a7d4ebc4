// Train minirnn in a real browser: headless Chromium opens docs/browser.html,
// the page a reader would open, which runs minirnn on Pyodide.  The
// checkpoints it shows are printed, as `python3 -m minirnn train --preset
// PRESET` would print them.
//
//   node portability/run_browser.mjs PRESET [--iterations N] [--screenshot PATH.png]
//
// A small web server serves this repository on 127.0.0.1, and Pyodide from
// the npm package in portability/node_modules: nothing is downloaded.  After
// training, the script asks the network one sum through the page's form
// and fails if the answer is wrong.
//
// The checkpoints go to stdout.  Lines starting with "# " go to stderr: the
// browser's and Pyodide's versions, the wall time of the training as the
// page measured it (loading Pyodide not included), and the question asked.

import { createServer } from "http";
import { readFile } from "fs/promises";
import { dirname, extname, join, normalize } from "path";
import { fileURLToPath } from "url";
import { chromium } from "playwright-core";
import { PRESETS, parseArguments } from "./runner.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, "..");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const TYPES = {
  ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript",
  ".wasm": "application/wasm", ".json": "application/json", ".zip": "application/zip",
  ".py": "text/plain",
};
// A question for each preset's trained network, and the page's right answer.
const QUESTIONS = {
  article: { a: "57", b: "68", answer: "57 + 68 = 125" },
  subtraction: { a: "200", b: "73", answer: "200 - 73 = 127" },
};

// Serve the repository's files, read only, to this machine alone.
function serve() {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, "http://x").pathname));
    try {
      const body = await readFile(join(REPO, path));
      response.writeHead(200, { "Content-Type": TYPES[extname(path)] || "application/octet-stream" });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function main() {
  const options = parseArguments(process.argv[1], process.argv.slice(2), { iterations: 0, screenshot: null },
                                 PRESETS);  // the page trains the engine only
  const server = await serve();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // No sandbox (CI runs as root); no calls home, which this network refuses.
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    page.on("pageerror", (error) => process.stderr.write(`run_browser: page error: ${error.message}\n`));
    const query = new URLSearchParams({
      pyodide: "/portability/node_modules/pyodide/", preset: options.preset, train: "",
    });
    if (options.iterations) query.set("iterations", options.iterations);
    await page.goto(`http://127.0.0.1:${server.address().port}/docs/browser.html?${query}`);

    await page.waitForSelector("body[data-trained]", { timeout: 30 * 60 * 1000 });
    const seconds = await page.getAttribute("body", "data-seconds");  // the page's own timing
    const runtime = await page.getAttribute("body", "data-runtime");
    process.stderr.write(`# runtime: ${runtime} in Chromium ${browser.version()}\n`);
    process.stderr.write(`# seconds: ${seconds}\n`);
    process.stdout.write(await page.textContent("#log"));

    const question = QUESTIONS[options.preset];
    await page.fill("#a", question.a);
    await page.fill("#b", question.b);
    await page.click("#ask button");
    await page.waitForFunction(() => document.getElementById("answer").textContent !== "");
    const answer = await page.textContent("#answer");
    process.stderr.write(`# asked: ${answer}\n`);
    if (options.screenshot) await page.screenshot({ path: options.screenshot, fullPage: true });
    if (!options.iterations && answer !== question.answer) {
      throw new Error(`the page answered ${JSON.stringify(answer)}, not ${JSON.stringify(question.answer)}`);
    }
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error) => {
  process.stderr.write(`run_browser: ${error.message.split("\n")[0]}\n`);
  process.exit(1);
});
