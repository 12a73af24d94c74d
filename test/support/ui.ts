import type { Locator } from 'playwright-core';

/** Waits until the locator is visible (Playwright's auto-wait), failing with its description. */
export async function visible(locator: Locator, timeout = 10_000): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout });
  return locator;
}

/** Retries an assertion until it passes or the time is up, then rethrows its last failure. */
export async function eventually<T>(check: () => Promise<T> | T, timeout = 10_000, every = 100): Promise<T> {
  const until = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, every));
    }
  }
}
