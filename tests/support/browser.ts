// Headless Debian Chromium driven by playwright-core (issue 5): no browser download, a fresh profile per launch.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env["BROADSHEET_CHROMIUM"] ?? "/usr/bin/chromium";

/** Without the background-networking flags Chromium keeps dialling Google on a closed network. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];

/**
 * Why browser tests cannot run here, or undefined when they can. In CI (process.env.CI set) a missing
 * Chromium is a failure, not a skip: the caller must not skip then (see `browserSkipReason`).
 */
export function browserSkipReason(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  if (process.env["CI"] !== undefined && process.env["CI"] !== "") return undefined; // fail loudly at launch
  const reason = `SKIPPED: no Chromium at ${CHROMIUM_PATH}. Install Debian's chromium (apt-get install -y chromium); in CI this fails instead.`;
  console.warn(reason);
  return reason;
}

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export interface LaunchOptions {
  readonly viewport?: { width: number; height: number };
  readonly colorScheme?: "light" | "dark";
  /** Bypass the page's CSP (never for the CSP test). Default false. */
  readonly bypassCSP?: boolean;
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: .ci/run must install Debian's chromium (apt-get install -y chromium).`);
  }
  const profile = await mkdtemp(join(tmpdir(), "broadsheet-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? "light",
    bypassCSP: options.bypassCSP ?? false,
    reducedMotion: "reduce",
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export interface PageProblems {
  /** Console errors, uncaught exceptions, failed requests and HTTP errors, each with the page URL. */
  readonly errors: string[];
}

/** Collect everything that counts as "a console error" on a page: console.error, page errors, 4xx/5xx, failed loads. */
export function watchPage(page: Page): PageProblems {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`uncaught exception on ${page.url()}: ${error.message}`));
  page.on("requestfailed", (request) => {
    const reason = request.failure()?.errorText ?? "?";
    // ERR_ABORTED: the test navigated on before a late request (a favicon, say) finished; not the page's fault.
    if (reason !== "net::ERR_ABORTED") errors.push(`request failed on ${page.url()}: ${request.url()} (${reason})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()} on ${page.url()}: ${response.url()}`);
  });
  return { errors };
}
