import type { BrowserContext } from 'playwright-core';

export declare const CHROMIUM: string;
export declare const CHROMIUM_ARGS: readonly string[];
/** A fresh persistent context in `profileDir` (its own user-data-dir). */
export declare function launchChromium(
  profileDir: string,
  options?: { viewport?: { width: number; height: number }; deviceScaleFactor?: number },
): Promise<BrowserContext>;
