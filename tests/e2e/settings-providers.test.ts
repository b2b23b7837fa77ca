// End-to-end, Settings → model providers in browser mode: "Test connection" against the scripted
// OpenAI-compatible server on 127.0.0.1 (works with Network off) and against a closed port (a clear
// reason), Edit in place, and a question before a provider of the same name is replaced. Then a
// research report with that model: its streamed words show in the run panel while they arrive.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, startScriptedServer, type ScriptedServer } from '../providers/scripted-server.ts';
import { addFiles, CHROMIUM, openApp, streamedText, useModel, type App } from './helpers.ts';

let app: App;
let page: Page;
let model: ScriptedServer;
const shot = (name: string) => app.shot(name);

describe.skipIf(!existsSync(CHROMIUM))('settings: model providers in browser mode', () => {
  beforeAll(async () => {
    app = await openApp('settings');
    page = app.page;
    const ok = { kind: 'json' as const, body: { id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'OK' }, finish_reason: 'length' }] } };
    model = await startScriptedServer([], { mode: 'sequence', rest: { name: 'one token', expect: (r) => expect(r.body.max_tokens).toBe(1), reply: ok } });
  });

  afterAll(async () => {
    await app?.close();
    await model?.close();
  });

  it('tests, adds, edits and asks before replacing a provider', async () => {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.waitFor();
    const status = dialog.getByTestId('provider-check');

    await dialog.getByLabel('Name').fill('Scripted');
    await dialog.getByLabel('Model', { exact: true }).fill('scripted-vl');
    await dialog.getByLabel('Base URL (OpenAI-compatible)').fill(model.url);
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => status.innerText(), { timeout: 20_000 }).toMatch(/^Scripted: Connected: scripted-vl answered a one-token request/);
    await shot('30-settings-test-ok');
    await dialog.getByRole('button', { name: 'Add provider' }).click();
    await dialog.getByRole('button', { name: 'Edit Scripted' }).waitFor();

    // Nothing listening: the reason, in words.
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((ok) => closed.close(() => ok()));
    await dialog.getByRole('button', { name: 'Edit Scripted' }).click();
    expect(await dialog.getByLabel('Name').inputValue()).toBe('Scripted');
    await dialog.getByLabel('Base URL (OpenAI-compatible)').fill(`http://127.0.0.1:${port}/v1`);
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => status.innerText(), { timeout: 20_000 }).toBe(`Scripted: Could not reach 127.0.0.1:${port}: connection refused: is the server running on that port?`);
    await shot('31-settings-test-refused');
    // Edit in place: one provider still, with the new model.
    await dialog.getByLabel('Base URL (OpenAI-compatible)').fill(model.url);
    await dialog.getByLabel('Model', { exact: true }).fill('scripted-vl-2');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => dialog.getByText('— scripted-vl-2').count()).toBe(1);
    expect(await dialog.getByRole('button', { name: /^Edit / }).count()).toBe(1);

    // Adding another under the same name asks first; "Keep the old one" changes nothing, "Replace" replaces.
    await dialog.getByLabel('Name').fill('scripted');
    await dialog.getByLabel('Model', { exact: true }).fill('other-model');
    await dialog.getByLabel('Base URL (OpenAI-compatible)').fill(model.url);
    await dialog.getByRole('button', { name: 'Add provider' }).click();
    const clash = dialog.getByRole('alertdialog');
    await clash.waitFor();
    expect(await clash.innerText()).toContain('A provider named “Scripted” exists already');
    await shot('32-settings-replace-question');
    await clash.getByRole('button', { name: 'Keep the old one' }).click();
    expect(await dialog.getByText('— scripted-vl-2').count()).toBe(1);
    await dialog.getByRole('button', { name: 'Add provider' }).click();
    await dialog.getByRole('alertdialog').getByRole('button', { name: 'Replace' }).click();
    await expect.poll(() => dialog.getByText('— other-model').count()).toBe(1);
    expect(await dialog.getByRole('button', { name: /^Edit / }).count()).toBe(1);
    expect(model.failures.filter((f) => !/^unexpected GET \/v1\/models/.test(f))).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  }, 120_000);

  it('runs a research report with the model: its words stream into the run panel as they arrive', async () => {
    await addFiles(page, ['papers/pdfjs_tracemonkey.pdf']);
    const sourceId = (await page.locator('[data-testid=source][data-status=ready]').getAttribute('data-source-id')) ?? '';
    const thinking = 'I will plan the research first, then read the first page to see how tracing compiles hot loops. '.repeat(3);
    const agent = await startScriptedServer(
      [
        { name: 'plan', reply: { kind: 'sse', chunkDelayMs: 120, chunks: answer({ text: thinking, calls: [{ name: 'update_plan', args: { items: [{ id: 'p1', title: 'How do traces speed up JavaScript?', kind: 'question' }] } }] }) } },
        { name: 'read', reply: { kind: 'sse', chunks: answer({ calls: [{ name: 'read_page', args: { sourceId, page: 1, planItem: 'p1' } }] }) } },
        { name: 'finish', reply: { kind: 'sse', chunks: answer({ calls: [{ name: 'finish', args: { summary: 'Tracing compiles the hot loops of a program.', openQuestions: [] } }] }) } },
      ],
      { rest: { name: 'writer', reply: { kind: 'sse', chunks: answer({ text: 'Tracing records and compiles hot loops [1].' }) } } },
    );
    try {
      await page.getByLabel('Skill').selectOption('research-report');
      await useModel(page, { name: 'Agent', model: 'scripted-agent', baseUrl: agent.url });
      await page.getByLabel('Goal').fill('How does trace-based compilation speed up JavaScript?');
      await page.keyboard.press('Control+Enter');
      // Mid-stream: one live line with the words so far, not yet all of them.
      await streamedText(page, thinking);
      await shot('33-model-streaming');
      await page.locator('[data-testid=run-view][data-status=done]').waitFor({ timeout: 120_000 });
      // Done: one line per request, what it wrote kept under a disclosure.
      const done = page.locator('.trace-item[data-type=model-stream] .model-stream.done');
      // (The last lines may render a moment after the run is done, on a busy machine.)
      await expect.poll(() => done.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
      expect(await page.locator('.trace-item[data-type=model-stream]').count()).toBe(await done.count());
      await done.first().getByText('What the model wrote').click();
      expect(await done.first().locator('.model-text').innerText()).toContain('I will plan the research first');
      await shot('34-model-done');
      expect(agent.failures).toEqual([]);
    } finally {
      await agent.close();
    }
  }, 240_000);
});
