import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { startPosteWeb, type RunningPoste } from '../support/poste-web';
import { eventually, visible } from '../support/ui';

/**
 * The console as an agent first meets it: `npm run web` on the demo data, in Chromium.
 */
let poste: RunningPoste;
let browser: Browser;
let page: Page;
const dialogs: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  poste = await startPosteWeb();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(poste.url);
});

afterAll(async () => {
  await browser?.close();
  await poste?.stop();
});

async function openByPhone(typed: string, name: RegExp): Promise<void> {
  await page.getByLabel('Rechercher un client').fill(typed);
  await page.getByRole('button', { name }).first().click();
}

describe('the console on its demo data', () => {
  it('finds a client from a number typed the Québec way and shows the 12 zones', async () => {
    await openByPhone('(514) 555-0199', /Ouvrir la fiche d’Éloïse Côté-Tremblay/);
    const zones = [
      'Identité',
      'Coordonnées',
      'Statut',
      'Origine',
      'Demande',
      'Collaborateur',
      'Rendez-vous pris par contact',
      'Historique',
      'Action',
      'Résultat',
      'SMS envoyés',
      'Remarques',
    ];
    for (const [i, zone] of zones.entries()) {
      await visible(page.getByRole('region', { name: `${i + 1} · ${zone}` }));
    }
    const identity = page.getByRole('region', { name: '1 · Identité' });
    await visible(identity.getByText('Éloïse Côté-Tremblay'));
    const contact = page.getByRole('region', { name: '2 · Coordonnées' });
    await visible(contact.getByRole('button', { name: 'Appeler le (514) 555-0199' }));
    await visible(contact.getByText('eloise.cote@example.ca'));
  });

  it('walks the results with the arrow keys, and says when the list may go on', async () => {
    const box = page.getByLabel('Rechercher un client');
    await box.fill('@example.com');
    const results = page.getByRole('list', { name: 'Résultats de recherche' });
    await eventually(async () => expect(await results.getByRole('button').count()).toBe(20));
    await visible(page.getByText('Les 20 premiers résultats : précisez la recherche pour voir les autres.'));
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id ?? '');
    const names = await results.getByRole('button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')));
    await box.press('ArrowDown');
    expect(await focused()).toBe(names[0]);
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe(names[1]);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe('search-input');
    await box.fill('Éloïse Côté-Tremblay');
    await eventually(async () => expect(await results.getByRole('button').count()).toBeGreaterThan(0));
    expect(await page.getByText(/premiers résultats/).count()).toBe(0);
  });

  it('shows a hostile lead message as text: no element, no link, no script', async () => {
    const request = page.getByRole('region', { name: '5 · Demande' });
    await visible(request.getByText('<img src=x onerror=alert(1)>', { exact: false }));
    await visible(request.getByText('javascript:alert(1)', { exact: false }).first());
    expect(await request.locator('img').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('shows the six actions with their state: no softphone, no callback device, no SMS route here', async () => {
    const actions = page.getByRole('region', { name: '9 · Action' });
    expect(await (await visible(actions.getByRole('button', { name: 'Appeler', exact: true }))).isDisabled()).toBe(true);
    expect(await (await visible(actions.getByRole('button', { name: 'Appeler via BLEAD', exact: true }))).isDisabled()).toBe(true);
    expect(await (await visible(actions.getByRole('button', { name: 'SMS', exact: true }))).isDisabled()).toBe(true);
    expect(await (await visible(actions.getByRole('button', { name: 'Email', exact: true }))).isEnabled()).toBe(true);
    expect(await (await visible(actions.getByRole('button', { name: 'Rediriger', exact: true }))).isEnabled()).toBe(true);
    expect(await (await visible(actions.getByRole('button', { name: 'Résultat', exact: true }))).isEnabled()).toBe(true);
  });

  it('switches to English and back, every label through the translations', async () => {
    // The button reads the language it switches to, and is named so (WCAG 2.5.3, label in name).
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await visible(page.getByRole('region', { name: '2 · Contact details' }));
    await visible(page.getByLabel('Search for a client'));
    expect(await (await visible(page.getByRole('region', { name: '9 · Action' }).getByRole('button', { name: 'Call', exact: true }))).isDisabled()).toBe(true);
    await eventually(async () => expect(await page.locator('html').getAttribute('lang')).toBe('en-CA'));
    await page.getByRole('button', { name: 'Français', exact: true }).click();
    await visible(page.getByRole('region', { name: '2 · Coordonnées' }));
  });

  it('gives every control an accessible name', async () => {
    const unnamed = await page.evaluate(() => {
      const controls = Array.from(document.querySelectorAll('button, input, select, textarea, [role="button"], summary'));
      return controls
        .filter((el) => {
          const labelled = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.getAttribute('title');
          const byLabel = el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
          const wrapped = el.closest('label');
          const text = (el.textContent ?? '').trim();
          return !labelled && !byLabel && !wrapped && text === '';
        })
        .map((el) => el.outerHTML.slice(0, 120));
    });
    expect(unnamed).toEqual([]);
  });

  it('removes an SMS template only after a yes', async () => {
    await page.getByRole('button', { name: 'Réglages', exact: true }).click();
    // A modal screen: it has the focus, and Tab never reaches the console behind it.
    const inSettings = () => page.evaluate(() => Boolean(document.activeElement?.closest('.settings-screen')));
    await eventually(async () => expect(await inSettings()).toBe(true));
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      expect(await inSettings()).toBe(true);
    }
    // Général names the agent the console runs as, as the header does.
    await page.getByRole('tab', { name: 'Général' }).click();
    const working = await page.getByRole('combobox', { name: 'Agent au poste' }).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? '');
    await eventually(async () =>
      expect(await page.locator('#general-agent').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? '')).toBe(working.replace(/ \(.*\)$/, '')),
    );
    await page.getByRole('tab', { name: 'Modèles SMS' }).click();
    const panel = page.getByRole('tabpanel');
    const items = panel.locator('.settings-list > ul > li');
    await eventually(async () => expect(await items.count()).toBeGreaterThan(0));
    const before = await items.count();
    const name = ((await items.first().locator('.settings-item').textContent()) ?? '').trim();
    await items.first().getByRole('button', { name: 'Supprimer' }).click();
    const confirm = panel.getByRole('group', { name: `Supprimer « ${name} » pour toute l’équipe?` });
    await visible(confirm);
    // The safe answer has the focus, and « Annuler » keeps the template.
    expect(await confirm.getByRole('button', { name: 'Annuler' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await confirm.getByRole('button', { name: 'Annuler' }).click();
    expect(await items.count()).toBe(before);
    await items.first().getByRole('button', { name: 'Supprimer' }).click();
    await confirm.getByRole('button', { name: 'Oui, supprimer' }).click();
    await eventually(async () => expect(await items.count()).toBe(before - 1));
    await visible(panel.getByText(`« ${name} » : suppression faite.`));
    // Escape closes it, and the focus goes back to ⚙.
    await page.keyboard.press('Escape');
    await eventually(async () => expect(await page.locator('.settings-screen').count()).toBe(0));
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Réglages');
  });

  it('refuses an injected inline script (CSP) and raised no page error', async () => {
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__pwned = true';
      document.body.appendChild(script);
      return (window as unknown as { __pwned?: boolean }).__pwned === true;
    });
    expect(ran).toBe(false);
    expect(pageErrors).toEqual([]);
  });

  it('refuses the page without the token', async () => {
    const other = await browser.newPage();
    const response = await other.goto(poste.origin + '/');
    expect(response?.status()).toBe(401);
    await other.close();
  });
});
