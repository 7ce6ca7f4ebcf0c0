import sparticuz from '@sparticuz/chromium';
import { type Browser, chromium } from 'playwright-core';

/**
 * The real browser the browser tests and the benchmark drive: the Chromium binary the npm package @sparticuz/chromium ships
 * (unpacked to the temporary folder on first use; nothing is downloaded at run time), driven by
 * playwright-core. CHROMIUM_PATH points at another build (e.g. Debian's chromium) where wanted.
 * Not sparticuz's own Lambda flag set: it turns web security off, which would hide what a browser refuses.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? (await sparticuz.executablePath());
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--no-zygote',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-default-apps',
      '--disable-dev-shm-usage',
      '--disable-extensions',
      '--disable-sync',
      '--metrics-recording-only',
      '--no-first-run',
      '--font-render-hinting=none',
      '--use-gl=angle',
      '--use-angle=swiftshader',
    ],
  });
}
