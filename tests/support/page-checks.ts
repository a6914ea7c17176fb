// Checks the browser tests make on any page: its painted background, sideways overflow, screenshots.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { REPO_ROOT } from "./build-site.ts";

export const ARTIFACTS = join(REPO_ROOT, "test-results");

/** The colour the reader sees behind the text: body's, else html's, else the canvas colour of the page's scheme. */
export function backgroundOf(page: Page): Promise<string> {
  return page.evaluate(() => {
    const transparent = (c: string): boolean => c === "transparent" || c === "rgba(0, 0, 0, 0)";
    for (const element of [document.body, document.documentElement]) {
      const colour = getComputedStyle(element).backgroundColor;
      if (!transparent(colour)) return colour;
    }
    const probe = document.createElement("div");
    probe.style.background = "Canvas";
    document.body.append(probe);
    const colour = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return colour;
  });
}

/** How far the page scrolls sideways (0 when nothing overflows). */
export function sidewaysOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number; widest: string }> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    // Name the widest element, so a failure says what overflows.
    let widest = "";
    let max = root.clientWidth;
    for (const element of Array.from(document.body.querySelectorAll("*"))) {
      const right = element.getBoundingClientRect().right + window.scrollX;
      if (right > max + 0.5) {
        max = right;
        widest = `<${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}${element.className && typeof element.className === "string" ? `.${element.className.split(/\s+/).join(".")}` : ""}> reaching ${Math.round(right)} px`;
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest };
  });
}

export async function screenshot(page: Page, folder: string, name: string): Promise<string> {
  const dir = join(ARTIFACTS, folder);
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
