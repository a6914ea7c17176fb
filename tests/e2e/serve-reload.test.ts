// `broadsheet serve` in Chromium: the open page reloads by itself once a new raw article is built, and shows it,
// with no console error (the dev server's reload client under the site's own pages).
import path from "node:path";
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSkipReason, launchBrowser, watchPage, type Browser } from "../support/browser.ts";
import { copyFixture } from "../support/run-cli.ts";
import { spawnWatchingCli, type WatchingCli } from "../support/watching-cli.ts";

const FIXTURE = path.join(import.meta.dirname, "../cli/fixtures/small");
const HEADLINE = "Harbour Board Approves New Ferry Pier";
const skip = browserSkipReason();

describe.skipIf(skip !== undefined)(skip ?? "serve reloads the open page after a build", () => {
  let dir: string;
  let cli: WatchingCli;
  let browser: Browser;

  beforeAll(async () => {
    dir = await copyFixture(FIXTURE);
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    cli = spawnWatchingCli(["serve", "--content", path.join(dir, "content"), "--out", path.join(dir, "preview"), "--port", String(port)]);
    await cli.built(1);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    if (cli?.child.exitCode === null) cli.child.kill("SIGINT");
    await cli?.done;
  });

  it("shows a new article on the open home page without a manual reload", async () => {
    const url = /serving .* on (http:\/\/\S+)/.exec(cli.output())?.[1];
    expect(url, cli.output()).toBeDefined();
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await page.goto(url!);
    await expect.poll(() => page.evaluate(() => document.body.textContent ?? "")).not.toContain(HEADLINE);
    // The reload client is connected once the page has loaded it; give it a moment before the change.
    await page.waitForLoadState("networkidle");
    // Dated today (the home page lists dated articles, newest first): the sidecar first, as an editor's tool writes it.
    // Back to back without yielding, so that a loaded machine does not part them into two builds.
    writeFileSync(path.join(dir, "content", "raw", "pier.json"), JSON.stringify({ date: "2026-12-01" }));
    writeFileSync(path.join(dir, "content", "raw", "pier.txt"), `${HEADLINE}\n\nThe Harbour Board approved a new ferry pier on Tuesday.\n`);
    await expect.poll(() => page.evaluate(() => document.body.textContent ?? ""), { timeout: 60_000 }).toContain(HEADLINE);
    expect(cli.builds(), cli.output()).toBe(2);
    expect(problems.errors).toEqual([]);
  });
});
