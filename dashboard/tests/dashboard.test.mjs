// The web dashboard in real headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core), against a real secap-syncserver on loopback
// with the demo data. tests/e2e/dashboard_test.sh starts the server, adds
// the web users and runs this file; it passes what the test needs in:
//   SECAP_BASE_URL                          the server, http://127.0.0.1:PORT
//   SECAP_COORD_LOGIN, SECAP_COORD_PASSWORD a coordinator of Bydgoszcz
//   SECAP_PARTNER_LOGIN, SECAP_PARTNER_PASSWORD  a replication partner
//   SECAP_HIDDEN_ID                         a municipality that does not share its progress
//   SECAP_SCREENSHOTS                       where the screenshots go
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const base = process.env.SECAP_BASE_URL;
const shots = process.env.SECAP_SCREENSHOTS || 'test-results';
const coord = { login: process.env.SECAP_COORD_LOGIN, password: process.env.SECAP_COORD_PASSWORD };
const partner = { login: process.env.SECAP_PARTNER_LOGIN, password: process.env.SECAP_PARTNER_PASSWORD };
const hiddenId = process.env.SECAP_HIDDEN_ID;
mkdirSync(shots, { recursive: true });

let browser;
before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage'],
  });
});
after(async () => browser && (await browser.close()));

async function newPage({ locale = 'en-GB', viewport = { width: 1366, height: 900 } } = {}) {
  // bypassCSP lets the test inject axe-core; the page's own CSP is tested by the server tests.
  const context = await browser.newContext({ locale, viewport, bypassCSP: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.errors = errors;
  return page;
}

async function signIn(page, who) {
  await page.goto(base + '/signin');
  await page.getByLabel(/Login|Benutzername/).fill(who.login);
  await page.getByLabel(/Password|Hasło|Passwort/).fill(who.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
}

const nav = (page, name) => page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
// axe-core's WCAG checks on the page as it is: no violation of any impact.
async function accessible(page, name) {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () =>
    (await window.axe.run(document, { resultTypes: ['violations'] })).violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
  );
  assert.deepEqual(violations, [], `accessibility of ${name}`);
}
const shot = (page, name) => page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });

// The JSON API from inside the page: same cookies, optionally without the CSRF header.
async function apiFetch(page, method, path, body, headers = {}) {
  return page.evaluate(
    async ({ method, path, body, headers }) => {
      const res = await fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json', ...headers },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : null };
    },
    { method, path, body, headers },
  );
}

test('a wrong password is refused with a message, and nobody is signed in', async () => {
  const page = await newPage();
  await page.goto(base + '/');
  await page.waitForURL('**/signin');
  await page.getByLabel('Login').fill(coord.login);
  await page.getByLabel('Password').fill('not the password');
  await page.locator('form button[type=submit]').click();
  await page.getByRole('alert').filter({ hasText: 'Wrong login or password' }).waitFor();
  await shot(page, 'signin-wrong-password');
  const session = await apiFetch(page, 'GET', '/api/v1/session');
  assert.equal(session.status, 401);
  await page.context().close();
});

test('a coordinator signs in and every view shows the seeded municipality', async () => {
  const page = await newPage();
  await signIn(page, coord);
  // Progress: the town, its reduction and the trajectory chart.
  await page.getByRole('heading', { level: 1, name: 'Bydgoszcz' }).waitFor();
  await page.getByText(/Reduction since 2013/).waitFor();
  await page.locator('canvas[aria-label="Emissions, t CO₂ per year"]').waitFor();
  const municipalityId = new URL(page.url()).pathname.split('/')[2];
  await shot(page, 'progress-en');
  await accessible(page, 'progress-en');

  await nav(page, 'Inventory');
  await page.getByRole('heading', { name: 'Inventory by sector and carrier' }).waitFor();
  await page.getByRole('rowheader', { name: 'Public lighting' }).first().waitFor();
  await page.getByRole('rowheader', { name: 'Total' }).waitFor();
  await shot(page, 'inventory-en');
  await accessible(page, 'inventory-en');

  await nav(page, 'Measures');
  await page.getByRole('heading', { name: 'Measures', level: 1 }).waitFor();
  const rows = page.locator('table tbody tr');
  await rows.first().waitFor();
  assert.ok((await rows.count()) >= 3, 'the demo town has measures');
  await page.getByLabel('Search measures').fill('LED');
  await page.getByRole('link', { name: /LED/ }).first().waitFor();
  await shot(page, 'measures-en');
  await accessible(page, 'measures-en');
  await page.getByRole('link', { name: /LED/ }).first().click();
  await page.getByText('Covenant of Mayors fields').waitFor();
  await page.getByText('Energy-efficient lighting').waitFor();
  await shot(page, 'measure-en');
  await accessible(page, 'measure-en');

  await nav(page, 'Sites');
  await page.getByRole('heading', { name: 'Sites', level: 1 }).waitFor();
  const siteLinks = page.locator('table tbody tr td:first-child a');
  await siteLinks.first().waitFor();
  assert.ok((await siteLinks.count()) >= 2);
  await shot(page, 'sites-en');
  await accessible(page, 'sites-en');
  await page.getByRole('link', { name: /Szkoła|School|SP/ }).first().click();
  await page.getByText('Monthly consumption, kWh').first().waitFor();
  await page.getByText('Weather-normalised heating model').waitFor();
  await shot(page, 'site-en');
  await accessible(page, 'site-en');

  await nav(page, 'Downloads');
  const csv = page.getByRole('link', { name: /Action status table/ });
  await csv.waitFor();
  const actions = await page.request.get(base + (await csv.getAttribute('href')));
  assert.equal(actions.status(), 200);
  assert.match(await actions.text(), /Action code/);
  await shot(page, 'downloads-en');
  await accessible(page, 'downloads-en');

  await nav(page, 'Compare towns');
  await page.getByRole('heading', { name: 'Towns that share their progress' }).waitFor();
  await page.getByRole('cell', { name: /Schwäbisch Hall/ }).waitFor();
  await shot(page, 'compare-en');
  await accessible(page, 'compare-en');
  await nav(page, 'Verified measures');
  await page.getByRole('heading', { name: 'Measures verified in the field' }).waitFor();
  await shot(page, 'catalogue-en');
  await accessible(page, 'catalogue-en');

  assert.deepEqual(page.errors, []);
  await page.goto(base + '/m/' + municipalityId + '/review');
  await page.getByRole('heading', { name: 'Readings awaiting review' }).waitFor();
  await shot(page, 'review-en');
  await accessible(page, 'review-en');
  await page.context().close();
});

test('confirming a flagged reading records a review and changes the site report', async () => {
  const page = await newPage();
  await signIn(page, coord);
  const municipalityId = new URL(page.url()).pathname.split('/')[2];
  const queue = await apiFetch(page, 'GET', `/api/v1/municipalities/${municipalityId}/review-queue`);
  assert.equal(queue.status, 200);
  assert.ok(queue.json.readings.length >= 1, 'the demo has a flagged reading waiting');
  const item = queue.json.readings[0];
  const total = (r) => r.series.reduce((a, s) => a + s.months.reduce((b, m) => b + m.kwh + m.readings * 0, 0), 0);
  const readings = (r) => r.series.reduce((a, s) => a + s.months.reduce((b, m) => b + Number(m.readings), 0), 0);
  const siteBefore = await apiFetch(page, 'GET', `/api/v1/sites/${item.site_id}/report`);

  // Without the CSRF token the same write is refused.
  const forged = await apiFetch(page, 'POST', `/api/v1/readings/${item.reading.id}/review`, { decision: 'REVIEW_DECISION_CONFIRMED' });
  assert.equal(forged.status, 403);
  assert.equal(forged.json.error.code, 'csrf');

  await page.goto(base + '/m/' + municipalityId + '/review');
  const card = page.locator('section.card').filter({ hasText: item.serial }).first();
  await card.getByLabel('Note for the audit trail').fill('checked on site: the counter rolled over');
  await card.getByRole('button', { name: 'Confirm' }).click();
  await card.getByText('Decision recorded').waitFor();
  await shot(page, 'review-confirmed-en');

  const after = await apiFetch(page, 'GET', `/api/v1/municipalities/${municipalityId}/review-queue`);
  assert.ok(!after.json.readings.some((r) => r.reading.id === item.reading.id), 'the reading left the queue');
  assert.equal(after.json.decided, queue.json.decided + 1);
  const siteAfter = await apiFetch(page, 'GET', `/api/v1/sites/${item.site_id}/report`);
  assert.notEqual(
    JSON.stringify([total(siteAfter.json), readings(siteAfter.json)]),
    JSON.stringify([total(siteBefore.json), readings(siteBefore.json)]),
    'the confirmed reading now counts in the site report',
  );
  await page.context().close();
});

test('a measure page shows its history, inspection and photo', async () => {
  const page = await newPage();
  await signIn(page, coord);
  const municipalityId = new URL(page.url()).pathname.split('/')[2];
  await page.goto(`${base}/m/${municipalityId}/measures`);
  await page.getByRole('link', { name: /Termomodernizacja/ }).first().click();
  await page.getByRole('heading', { name: 'Progress history' }).waitFor();
  await page.locator('.history-item').first().waitFor();
  await page.getByRole('heading', { name: 'Inspections' }).waitFor();
  await page.locator('.badge', { hasText: 'Verified' }).first().waitFor();
  const img = page.locator('.photos img').first();
  await img.waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('.photos img')].every((i) => i.complete && i.naturalWidth > 0));
  await shot(page, 'measure-detail-en');
  await accessible(page, 'measure-detail-en');
  await page.context().close();
});

test('a coordinator issues a kiosk code with its QR code, and withdraws a phone', async () => {
  const page = await newPage();
  await signIn(page, coord);
  const municipalityId = new URL(page.url()).pathname.split('/')[2];
  await nav(page, 'Devices');
  await page.getByRole('heading', { name: 'Devices', level: 1 }).waitFor();
  const phone = page.locator('tr', { hasText: process.env.SECAP_PHONE_NAME });
  await phone.waitFor();
  await page.getByLabel('Role').selectOption('kiosk');
  const sites = page.locator('fieldset.site-picker').last().locator('input[type=checkbox]');
  await sites.first().check();
  await page.getByRole('button', { name: 'Issue a code' }).click();
  await page.locator('.issued .code').waitFor();
  assert.match(await page.locator('.issued .code').innerText(), /^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  await page.waitForFunction(() => document.querySelector('.issued img.qr')?.naturalWidth > 0);
  await shot(page, 'devices-code-en');
  await accessible(page, 'devices-code-en');
  page.once('dialog', (d) => d.accept());
  await phone.getByRole('button', { name: 'Withdraw' }).click();
  await page.locator('tr', { hasText: process.env.SECAP_PHONE_NAME }).locator('.badge', { hasText: 'Withdrawn' }).waitFor();
  const list = await apiFetch(page, 'GET', `/api/v1/municipalities/${municipalityId}/devices`);
  const withdrawn = list.json.devices.find((d) => d.name === process.env.SECAP_PHONE_NAME);
  assert.notEqual(withdrawn.revoked_at, '0');
  await shot(page, 'devices-en');
  await page.context().close();
});

test('a photo taken off publication disappears from the public page at once', async () => {
  const page = await newPage();
  await signIn(page, coord);
  const municipalityId = new URL(page.url()).pathname.split('/')[2];
  await nav(page, 'Photos');
  const first = page.locator('.photos-manage figure').first();
  await first.waitFor();
  const photos = await apiFetch(page, 'GET', `/api/v1/municipalities/${municipalityId}/photos`);
  const photoId = photos.json.photos[0].id;
  assert.equal(photos.json.photos[0].publishable, true);
  await first.getByLabel('Publishable').uncheck();
  await first.getByText('Saved.').waitFor();
  await shot(page, 'photos-en');
  await accessible(page, 'photos-en');
  await page.context().close();

  const visitor = await newPage();
  await visitor.goto(base + '/public/' + municipalityId);
  await visitor.getByRole('heading', { name: /Climate progress of/ }).waitFor();
  await visitor.waitForFunction(() => [...document.querySelectorAll('img.public-photo')].every((i) => i.complete));
  const shown = await visitor.locator('img.public-photo').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src')));
  assert.ok(shown.length > 0, 'the other published photos are shown');
  assert.ok(!shown.some((src) => src.includes(photoId)), 'the unpublished photo is not on the public page');
  const direct = await apiFetch(visitor, 'GET', `/api/v1/attachments/${photoId}/content`);
  assert.equal(direct.status, 404, 'nor can a visitor fetch it by its address');
  await shot(visitor, 'public-photos-en');
  await visitor.context().close();
});

test('a partner sees only municipalities that share, by page and by API', async () => {
  const page = await newPage();
  await signIn(page, partner);
  await page.getByRole('heading', { name: 'Towns that share their progress' }).waitFor();
  const list = await apiFetch(page, 'GET', '/api/v1/municipalities');
  assert.ok(list.json.municipalities.length > 0);
  assert.ok(list.json.municipalities.every((m) => m.share_progress), 'only sharing towns are listed');
  assert.ok(!list.json.municipalities.some((m) => m.municipality_id === hiddenId));
  const report = await apiFetch(page, 'GET', `/api/v1/municipalities/${hiddenId}/report`);
  assert.equal(report.status, 403);
  const compare = await apiFetch(page, 'GET', '/api/v1/compare');
  assert.ok(!compare.json.municipalities.some((m) => m.municipality_id === hiddenId));
  await page.goto(base + '/m/' + hiddenId);
  await page.getByRole('alert').filter({ hasText: 'You do not have access to this page' }).waitFor();
  await shot(page, 'partner-denied-en');
  // The review queue of a sharing town is not theirs either.
  const own = list.json.municipalities[0].municipality_id;
  const queue = await apiFetch(page, 'GET', `/api/v1/municipalities/${own}/review-queue`);
  assert.equal(queue.status, 403);
  await page.context().close();
});

test('signing out ends the session', async () => {
  const page = await newPage();
  await signIn(page, coord);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/signin');
  const session = await apiFetch(page, 'GET', '/api/v1/session');
  assert.equal(session.status, 401);
  await page.goto(base + '/compare');
  await page.waitForURL('**/signin');
  await page.context().close();
});

test('the public page and the dashboard speak Polish and German, and fit a phone', async () => {
  const pl = await newPage({ locale: 'pl-PL' });
  await signIn(pl, coord);
  await pl.getByText(/Redukcja od 2013/).waitFor();
  const municipalityId = new URL(pl.url()).pathname.split('/')[2];
  await shot(pl, 'progress-pl');
  await pl.goto(base + '/m/' + municipalityId + '/inventory');
  await pl.getByRole('rowheader', { name: 'Oświetlenie publiczne' }).first().waitFor();
  await shot(pl, 'inventory-pl');
  await pl.context().close();

  const de = await newPage({ locale: 'de-DE' });
  await signIn(de, coord);
  await de.getByText(/Minderung seit 2013/).waitFor();
  await shot(de, 'progress-de');
  await de.goto(base + '/m/' + municipalityId + '/measures');
  await de.getByRole('heading', { name: 'Maßnahmen', level: 1 }).waitFor();
  await shot(de, 'measures-de');
  await de.context().close();

  const phone = await newPage({ viewport: { width: 390, height: 844 } });
  await signIn(phone, coord);
  await phone.getByRole('heading', { level: 1, name: 'Bydgoszcz' }).waitFor();
  await shot(phone, 'progress-phone');
  await accessible(phone, 'progress-phone');
  await phone.context().close();

  const visitor = await newPage({ locale: 'pl-PL' });
  await visitor.goto(base + '/public/' + municipalityId);
  await visitor.getByRole('heading', { name: 'Postęp klimatyczny: Bydgoszcz' }).waitFor();
  await shot(visitor, 'public-pl');
  await accessible(visitor, 'public-pl');
  await visitor.goto(base + '/public/' + hiddenId);
  await visitor.getByText('Ta gmina nie publikuje swojego postępu.').waitFor();
  await visitor.context().close();
});
