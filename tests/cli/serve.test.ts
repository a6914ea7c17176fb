// `broadsheet serve`: the site built as `build --watch` builds it, into its own preview folder, served with
// Eleventy's dev server (live reload), a new raw article on it after the next build, search included.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { get } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFile } from "node:fs/promises";
import { copyFixture, runCli } from "../support/run-cli.ts";
import { spawnWatchingCli, type WatchingCli } from "../support/watching-cli.ts";

const FIXTURE = path.join(import.meta.dirname, "fixtures/small");

/** A GET as a browser's navigation: fetch() is a script's request (sec-fetch-mode: cors), which the server leaves as it is. */
function navigate(url: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { "sec-fetch-mode": "navigate" } }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    }).on("error", reject);
  });
}

/** The Pagefind service processes started by the process `pid` (Linux: its threads' children in /proc). */
function pagefindServices(pid: number): number[] {
  const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number),
  );
  return children.filter((child) => {
    const command = readFileSync(`/proc/${child}/cmdline`, "utf8").split("\0");
    return command.some((arg) => /pagefind/.test(arg)) && command.includes("--service");
  });
}

async function eventually<T>(check: () => T | undefined, ms = 10_000): Promise<T | undefined> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("serve", () => {
  let dir: string;
  let cli: WatchingCli;
  let url: string;

  beforeAll(async () => {
    dir = await copyFixture(FIXTURE);
    // A port of its own, so that a developer's `npm start` does not get in the way (the server moves on when taken).
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    cli = spawnWatchingCli(["serve", "--content", path.join(dir, "content"), "--out", path.join(dir, "preview"), "--port", String(port)]);
    await cli.built(1);
    url = /serving .* on (http:\/\/\S+)/.exec(cli.output())?.[1] ?? "";
  });

  afterAll(async () => {
    if (cli.child.exitCode === null) cli.child.kill("SIGKILL");
    await cli.done;
  });

  it("serves the built site with the live-reload client, and its search", async () => {
    expect(url).toMatch(/^http:\/\/localhost:\d+\/$/);
    const home = await navigate(url);
    expect(home.status).toBe(200);
    expect(home.text).toContain("reload-client.js");
    expect((await fetch(new URL("pagefind/pagefind.js", url))).status).toBe(200);
  });

  it("serves a raw article added while it runs, after one build", async () => {
    const page = new URL("articles/harbour-board-approves-new-ferry-pier/", url);
    expect((await fetch(page)).status).toBe(404);
    await writeFile(path.join(dir, "content", "raw", "pier.txt"), "Harbour Board Approves New Ferry Pier\n\nThe Harbour Board approved a new ferry pier on Tuesday.\n");
    await cli.built(2);
    const served = await fetch(page);
    expect(served.status).toBe(200);
    expect(await served.text()).toContain("approved a new ferry pier");
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(cli.builds(), cli.output()).toBe(2);
  });

  it("has its search's Pagefind process started while it waits for a change, and ends it on Ctrl+C", async () => {
    const services = await eventually(() => {
      const found = pagefindServices(cli.child.pid!);
      return found.length > 0 ? found : undefined;
    });
    expect(services, cli.output()).toHaveLength(1);
    cli.child.kill("SIGINT");
    expect((await cli.done).code).toBe(0);
    expect(await eventually(() => (existsSync(`/proc/${services![0]}`) ? undefined : true))).toBe(true);
  });
});

describe("serve with a port that is not one", () => {
  it("exits 2 with the usage, serving nothing", async () => {
    const result = await runCli(["serve", "--port", "99999"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--port 99999 is not a port number/);
    expect(result.stdout + result.stderr).not.toMatch(/^serving /m);
  });
});
