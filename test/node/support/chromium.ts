import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium (.ci/run installs it); browser tests skip, saying why, where it is missing. */
export const CHROMIUM = "/usr/bin/chromium";
export const haveChromium = existsSync(CHROMIUM);

/** The title of a browser test's describe block: `what`, or why it is skipped. */
export function browserSuite(what: string): string {
  return haveChromium ? what : `${what}: skipped, ${CHROMIUM} is not installed (apt-get install chromium)`;
}

/**
 * Headless Chromium as this machine runs it: root needs --no-sandbox, and without the
 * background-networking flags it keeps trying hosts this closed network refuses.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
