// The installed desktop app (unpacked from the .deb by check-deb.sh) starts on an empty
// database and shows the first-run screen. Usage: node tests/package/installed.e2e.mjs <binary>
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import assert from "node:assert/strict";
import { scenario, waitFor } from "../e2e/webdriver.mjs";

const application = path.resolve(process.argv[2]);
const shots = path.resolve("target/e2e");
mkdirSync(shots, { recursive: true });
const work = mkdtempSync(path.join(tmpdir(), "fieldbook-installed-"));

await scenario("installed", { shots, work }, async ({ step, start }) => {
  step("the installed app opens on the first-run screen");
  const session = await start(application, ["--db", path.join(work, "fieldbook.db")]);
  assert.equal(await session.title(), "Fieldbook 乡镇电商帮扶台账");
  await waitFor("the first-run screen", async () => (await session.count("[data-testid=first-run]")) === 1);
  await session.findByText("[data-testid=first-run]", "这台电脑给谁用");
  await session.screenshot(path.join(shots, "installed-first-run.png"));
});
