import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import coordination from '../../../functions/coordination/agent.js';
import workerAlpha from '../../../functions/worker-alpha/agent.js';
import { startTestHarness, type TestHarness } from '../../../lib/testing/index.js';
import { resetState } from '../orchestration/support.js';

/** Debian's Chromium (`apt-get install chromium`, as .ci/run does); SYNTOR_CHROMIUM names another. */
const CHROMIUM = process.env.SYNTOR_CHROMIUM ?? '/usr/lib/chromium/chromium';
/** `SYNTOR_SCREENSHOTS=docs/images` writes the README's screenshots there; otherwise a scratch folder. */
const SHOTS = process.env.SYNTOR_SCREENSHOTS ?? join(process.env.TMPDIR ?? '/tmp', 'syntor-console-shots');

let h: TestHarness;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set SYNTOR_CHROMIUM)`);
  mkdirSync(SHOTS, { recursive: true });
  // Agents other test files registered (some with compute) must not be routed this file's tasks.
  await resetState();
  h = await startTestHarness({ agents: [coordination, workerAlpha], isolation: false });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-default-apps', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `console-${name}.png`) });

describe('the console, in Chromium', () => {
  it('opens on the task list, and paints quickly', async () => {
    await page.goto(`${h.baseUrl}/`);
    await expect.poll(() => page.url()).toBe(`${h.baseUrl}/console/`);
    await page.getByRole('heading', { name: 'Tasks' }).waitFor();
    const paint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1);
    console.log(`console first contentful paint: ${paint.toFixed(0)} ms`);
    expect(paint).toBeGreaterThan(0);
  });

  it('submits a task from the form and shows it completed, with its result and timeline', async () => {
    await page.goto(`${h.baseUrl}/console/#/submit`);
    await page.locator('select[name=type] option[value=compute]').waitFor({ state: 'attached' });
    await page.selectOption('select[name=type]', 'compute');
    await page.fill('textarea[name=payload]', '{"op":"sum","values":[20,22]}');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.waitForURL(/#\/tasks\/[0-9a-f-]{36}$/);
    await page.locator('h1 [data-status=completed]').waitFor();
    expect(await page.getByTestId('result').textContent()).toContain('"result": 42');
    expect(await page.getByTestId('timeline').textContent()).toContain('pending → assigned');
    await shot('task');

    const id = page.url().split('/').at(-1)!;
    await page.goto(`${h.baseUrl}/console/#/tasks?status=completed`);
    await page.locator(`[data-testid=tasks] a[href="#/tasks/${id}"]`).waitFor();
    await shot('tasks');
  });

  it('shows a form\'s refusal in the page', async () => {
    await page.goto(`${h.baseUrl}/console/#/submit`);
    await page.locator('select[name=type] option[value=compute]').waitFor({ state: 'attached' });
    await page.fill('textarea[name=payload]', '{"op":"sum","values":[1],"password":"hunter2"}');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.locator('p.error', { hasText: '400' }).waitFor();
    expect(await page.locator('p.error').textContent()).toContain('payload.password');
  });

  it('lists a dead task\'s letter, and redrives it', async () => {
    const { id } = await h.submit({ type: 'compute', payload: { op: 'fibonacci', n: -1 } });
    await h.waitForTask(id, 'dead');
    await page.goto(`${h.baseUrl}/console/#/dlq`);
    const row = page.locator('[data-testid=dead-letters] tr', { has: page.locator(`a[href="#/tasks/${id}"]`) });
    await row.getByRole('button', { name: 'Redrive' }).click();
    await row.getByRole('button', { name: 'Redrive again (1)' }).waitFor();
    await shot('dead-letters');
    await page.goto(`${h.baseUrl}/console/#/agents`);
    await page.locator('[data-testid=agents]', { hasText: 'worker-alpha' }).waitFor();
    await shot('agents');
    await page.goto(`${h.baseUrl}/console/#/triggers`);
    await page.getByRole('cell', { name: 'coordination-complete', exact: true }).first().waitFor();
    await shot('triggers');
  });
});
