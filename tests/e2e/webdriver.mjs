// A minimal W3C WebDriver client over fetch, and a tauri-driver launcher. No npm dependencies,
// so the end-to-end layer needs nothing beyond Node, tauri-driver and WebKitWebDriver.
import { execFileSync, spawn } from "node:child_process";
import net from "node:net";
import { writeFile } from "node:fs/promises";
import { rmSync } from "node:fs";
import path from "node:path";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function listening(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function waitFor(what, probe, timeoutMs = 20000, intervalMs = 200) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ""}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Starts tauri-driver in its own process group on free ports; resolves once both ports listen
 * (connecting before WebKitWebDriver is up fails with IncompleteMessage). A free port can be
 * taken by another socket before WebKitWebDriver binds it ("Unable to listen for HTTP server"):
 * then tauri-driver only repeats "accept new stream fail" for ever (one CI log grew to 11 GB),
 * so that is watched for, the driver stopped and started again on other ports. */
export async function startDriver(attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    const driver = await spawnDriver();
    if (!driver.failed()) return driver;
    driver.stop();
    if (attempt >= attempts) throw new Error(`tauri-driver could not listen after ${attempts} attempts`);
    console.error(`tauri-driver: WebKitWebDriver could not listen; starting again on other ports`);
  }
}

async function spawnDriver() {
  const port = await freePort();
  const nativePort = await freePort();
  const child = spawn("tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let failed = false;
  let repeats = 0;
  // The driver's output, passed on, except a line repeated without end.
  const pass = (out) => (chunk) => {
    for (const line of chunk.toString().split("\n")) {
      if (!line) continue;
      if (line.includes("Unable to listen")) failed = true;
      if (line.includes("accept new stream fail") && ++repeats > 3) continue;
      out.write(`${line}\n`);
    }
  };
  child.stdout.on("data", pass(process.stdout));
  child.stderr.on("data", pass(process.stderr));
  child.once("exit", (code) => {
    if (code) console.error(`tauri-driver exited with ${code}`);
  });
  const stop = () => {
    // SIGTERM to the whole group: SIGKILL would leave WebKitWebDriver running.
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  };
  try {
    await waitFor("tauri-driver ports", async () => failed || ((await listening(port)) && (await listening(nativePort))));
  } catch (error) {
    stop();
    throw error;
  }
  // WebKitWebDriver says at once when its port was taken (by then the port answers anyway).
  await new Promise((r) => setTimeout(r, 500));
  return {
    url: `http://127.0.0.1:${port}`,
    failed: () => failed,
    stop,
  };
}

/**
 * Runs one scenario: each step printed as it starts, a screenshot of the open window when a step
 * fails (`<name>-failure.png`), and the app, the driver and the work folder cleaned up whatever
 * happens. `start` opens the app (closing one still open), `quit` closes it.
 */
export async function scenario(name, { shots, work }, body) {
  const steps = [];
  const step = (title) => {
    steps.push(title);
    console.log(`  · ${title}`);
  };
  const driver = await startDriver();
  let session;
  const quit = async () => {
    const open = session;
    session = undefined;
    if (open) await open.quit();
  };
  const start = async (application, args) => {
    await quit();
    session = await Session.start(driver.url, application, args);
    return session;
  };
  try {
    await body({ step, start, quit });
    await quit();
    console.log(`e2e ${name}: ${steps.length} steps passed; screenshots in ${shots}`);
  } catch (error) {
    if (session) await session.screenshot(path.join(shots, `${name}-failure.png`)).catch(() => {});
    console.error(`e2e ${name} failed at “${steps.at(-1)}”:`, error);
    process.exitCode = 1;
  } finally {
    if (session) await session.quit().catch(() => {});
    driver.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/** Loads the demo county into a new database with the CLI (the desktop opens it with its
 * 演示数据 banner): the scenarios that need a full county start from it. */
export function loadDemo(cli, db) {
  execFileSync(cli, ["--db", db, "demo"], { stdio: ["ignore", "ignore", "inherit"] });
}

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(driverUrl, application, args = []) {
    const body = { capabilities: { alwaysMatch: { "tauri:options": { application, args } } } };
    const value = await call(`${driverUrl}/session`, "POST", body);
    const session = new Session(`${driverUrl}/session/${value.sessionId}`, value.sessionId);
    // The WebView keeps localStorage between runs (the chosen language, for one): every test
    // starts from the defaults a new user sees.
    await session.cmd("POST", "/execute/sync", {
      script: "if (localStorage.length) { localStorage.clear(); location.reload(); }",
      args: [],
    });
    // The menu, or the first-run screen of a database without a county, or the unlock screen of
    // an encrypted one, or the startup error.
    const shown = "[data-testid=nav], [data-testid=first-run], [data-testid=unlock], [data-testid=startup-error]";
    await waitFor("the app after a reload", async () => (await session.count(shown)) >= 1);
    return session;
  }

  cmd(method, path, body) {
    return call(`${this.base}${path}`, method, body);
  }

  async findAll(css) {
    const found = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return found.map((e) => e[ELEMENT]);
  }

  /** The rendered text. WebKitWebDriver's own "Get Element Text" answers "" for table rows. */
  async text(element) {
    return this.cmd("POST", "/execute/sync", {
      script: "return arguments[0].innerText;",
      args: [{ [ELEMENT]: element }],
    });
  }

  /** Elements matching `css` inside `element`. */
  async findAllIn(element, css) {
    const found = await this.cmd("POST", `/element/${element}/elements`, { using: "css selector", value: css });
    return found.map((e) => e[ELEMENT]);
  }

  async click(element) {
    return this.cmd("POST", `/element/${element}/click`, {});
  }

  /** Replaces the field's content the way a user does: Ctrl+A, Backspace, then the text.
   * (WebDriver's Element Clear fires no input event, so Vue's v-model would keep the old value.) */
  async type(element, text) {
    const CONTROL = "\uE009";
    const RELEASE_ALL = "\uE000";
    const BACKSPACE = "\uE003";
    await this.cmd("POST", `/element/${element}/value`, { text: `${CONTROL}a${RELEASE_ALL}${BACKSPACE}` });
    if (text) await this.cmd("POST", `/element/${element}/value`, { text });
  }

  /** The first visible element matching `css` whose text includes `text`, or null. */
  async visible(css, text = "") {
    const found = await this.cmd("POST", "/execute/sync", {
      script:
        "return [...document.querySelectorAll(arguments[0])]" +
        ".find((e) => e.offsetParent !== null && e.innerText.includes(arguments[1])) || null;",
      args: [css, text],
    });
    return found ? found[ELEMENT] : null;
  }

  /** Types into the input inside the form item `css` (an el-input, a date picker …). */
  async fill(css, text, { enter = false } = {}) {
    const input = await waitFor(`${css} input`, async () => (await this.findAll(`${css} input`))[0]);
    await this.type(input, enter ? `${text}\uE007` : text);
  }

  /** Chooses an option of the el-select inside `css`; with `search`, types it first (filterable
   * and remote selects) and waits for an option containing `text`. */
  async pick(css, text, search) {
    const wrapper = await waitFor(`${css} select`, async () => (await this.findAll(`${css} .el-select__wrapper`))[0]);
    await this.click(wrapper);
    await this.settle(300);
    if (search !== undefined) {
      const [input] = await this.findAll(`${css} input`);
      await this.cmd("POST", `/element/${input}/value`, { text: search });
    }
    // WebKitWebDriver calls an option <li> "not interactable"; the span inside it clicks fine.
    const option = await waitFor(`option “${text}”`, () =>
      this.visible(".el-select-dropdown__item span", text),
    );
    await this.settle(200);
    await this.click(option);
    // Let the dropdown close before anything below it is clicked.
    await this.settle(300);
  }

  async title() {
    return this.cmd("GET", "/title");
  }

  /** Waits for exactly one element matching `css` whose text includes `text`. */
  async findByText(css, text, timeoutMs) {
    return waitFor(`${css} containing “${text}”`, async () => {
      for (const element of await this.findAll(css)) {
        if ((await this.text(element)).includes(text)) return element;
      }
      return null;
    }, timeoutMs);
  }

  async count(css) {
    return (await this.findAll(css)).length;
  }

  /** Waits for a dialog (or anything that animates in) and for its animation to end: a click
   * aimed while it still slides in lands where the button was, not where it is. */
  async opened(css) {
    await waitFor(css, async () => (await this.count(css)) >= 1);
    await this.settle();
  }

  /** Lets transitions finish and WebKit paint every tile before a screenshot is taken. */
  async settle(ms = 400) {
    await this.cmd("POST", "/execute/async", {
      script:
        "const done = arguments[arguments.length - 1];" +
        "requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, arguments[0])));",
      args: [ms],
    });
  }

  async screenshot(path) {
    await this.settle();
    const png = await this.cmd("GET", "/screenshot");
    await writeFile(path, Buffer.from(png, "base64"));
  }

  async quit() {
    await this.cmd("DELETE", "");
  }
}

async function call(url, method, body) {
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok || (json.value && json.value.error)) {
    throw new Error(`${method} ${url}: ${JSON.stringify(json.value ?? json)}`);
  }
  return json.value;
}
