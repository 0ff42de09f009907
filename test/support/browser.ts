// Headless Chromium for the browser tests: the build inside @sparticuz/chromium (an npm package,
// so `npm ci` brings it and nothing is downloaded), driven by playwright-core. Offline and as root
// (no sandbox, no GPU, nothing fetched from Google's servers), not one process (a Lambda setting:
// there, closing a browser context ends the whole browser), and WITH web security: the package's
// defaults turn CORS off, which would let any origin in unchecked.
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser } from 'playwright-core';

/** @sparticuz/chromium ships a Linux x64 build only: elsewhere browser tests are skipped. */
export const browserRuns = process.platform === 'linux' && process.arch === 'x64';

export async function launchChromium(): Promise<Browser> {
  return playwright.launch({
    executablePath: await chromium.executablePath(),
    headless: true,
    args: [
      ...chromium.args.filter((flag) => !['--single-process', '--disable-web-security'].includes(flag)),
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
      // Media plays without a click (the test plays the HLS output; a user presses play).
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}
