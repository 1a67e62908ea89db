// Cold-start figures of the release build (`make bench-startup`), not a test: the time from
// asking tauri-driver for a session (which starts the app) until the first-run screen of an
// empty database is shown, and until the demo database's 首页 shows its programme targets.
// Median of five runs each; every run a new process (the demo database is made once before,
// so the figure is opening it, not loading the demo county).
// Usage: node tests/e2e/startup-figures.mjs <fieldbook-desktop> <fieldbook CLI>
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Session, startDriver } from "./webdriver.mjs";

const application = path.resolve(process.argv[2] ?? "target/release/fieldbook-desktop");
const cli = path.resolve(process.argv[3] ?? "target/release/fieldbook");
const work = mkdtempSync(path.join(tmpdir(), "fieldbook-startup-"));
const RUNS = 5;

async function timeUntil(args, css, count) {
  const driver = await startDriver();
  const started = performance.now();
  const body = { capabilities: { alwaysMatch: { "tauri:options": { application, args } } } };
  const response = await fetch(`${driver.url}/session`, { method: "POST", body: JSON.stringify(body) });
  const { value } = await response.json();
  const session = new Session(`${driver.url}/session/${value.sessionId}`, value.sessionId);
  for (;;) {
    if ((await session.count(css)) >= count) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const elapsed = performance.now() - started;
  await session.quit();
  driver.stop();
  return elapsed;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const demoDb = path.join(work, "demo.db");
execFileSync(cli, ["--db", demoDb, "demo"]);
try {
  const firstRun = [];
  const demo = [];
  for (let i = 0; i < RUNS; i++) {
    firstRun.push(await timeUntil(["--db", path.join(work, `empty-${i}.db`)], "[data-testid=first-run] .roles", 1));
    demo.push(await timeUntil(["--db", demoDb], "[data-testid=dashboard-programme-targets]", 1));
  }
  const ms = (xs) => xs.map((x) => Math.round(x)).join(", ");
  console.log(`cold start to the first-run screen: median ${Math.round(median(firstRun))} ms (${ms(firstRun)})`);
  console.log(`cold start to the demo's 首页 with its targets: median ${Math.round(median(demo))} ms (${ms(demo)})`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
