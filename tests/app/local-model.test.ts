// The app's services with a model server on this computer (the scripted OpenAI-compatible server
// on 127.0.0.1): with Settings → Network off, a loopback model still runs, a remote one is refused
// naming its host, and the run's first trace line says what it contacts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunInfo, SourceInfo, TraceEvent } from '../../electron/contract/contract.ts';
import { answer, startScriptedServer } from '../providers/scripted-server.ts';
import { PAGE, settled, startServices, waitRun } from './harness.ts';

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const work = mkdtempSync(path.join(tmpdir(), 'folio-local-model-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('app services with a model on this computer', () => {
  it('a model server on 127.0.0.1 works with the network off; a remote one is refused, naming its host', async () => {
    const model = await startScriptedServer([{ name: 'caption', reply: { kind: 'sse', chunks: answer({ text: 'A table of units of mass, length and force.' }) } }]);
    const services = await startServices(work);
    const call = (channel: string, input: unknown) => services.dispatch(channel, input, { url: PAGE });
    try {
      await call('settings.set', { network: false });
      await call('settings.saveProvider', { provider: { id: 'local', label: 'Local server', kind: 'openai-compatible', baseUrl: model.url, model: 'scripted-vl' } });
      await call('settings.saveProvider', { provider: { id: 'far', label: 'Far away', kind: 'openai-compatible', baseUrl: 'https://models.example/v1', model: 'vl' } });
      const photo = path.resolve(repoRoot, '../shared/corpus/images/pek_table_001.png');
      const added = (await call('sources.upload', { name: 'pek_table_001.png', data: new Uint8Array(readFileSync(photo)) })) as { data: SourceInfo };
      expect(await settled(services, added.data.id)).toMatchObject({ status: 'ready' });
      expect(await call('research.start', { skillId: 'image-caption', goal: '', sourceIds: [added.data.id], options: {}, providerId: 'far' })).toMatchObject({
        ok: false,
        error: { code: 'USER_INPUT', message: expect.stringMatching(/^Far away \(models\.example\) needs the network/) },
      });
      const started = (await call('research.start', { skillId: 'image-caption', goal: '', sourceIds: [added.data.id], options: {}, providerId: 'local' })) as { ok: true; data: RunInfo };
      expect(started).toMatchObject({ ok: true });
      const run = await waitRun(services, started.data.id);
      expect(run.error).toBeUndefined();
      model.assertDone();
      const out = run.outputs.find((o) => o.name.endsWith('.json'));
      expect(readFileSync(path.resolve(work, 'project', out?.path ?? 'missing'), 'utf8')).toContain('A table of units of mass, length and force.');
      const trace = (await call('research.trace', { runId: run.id })) as { data: TraceEvent[] };
      expect(trace.data[0]?.message).toMatch(/contacts the model at 127\.0\.0\.1:\d+ \(this computer\)/);
    } finally {
      await services.close();
      await model.close();
    }
  });
});
