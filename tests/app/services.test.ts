// The shared services on a real paper, as both hosts run them: a project folder gets the source,
// its ingest runs in a worker, thumbnails and figures come back, bad files fail with their name, and
// reopening the project restores everything.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunInfo, SourceInfo, TraceEvent } from '../../electron/contract/contract.ts';
import type { AppServices } from '../../electron/services/app-services.ts';
import { PAGE, startServices } from './harness.ts';

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const paper = path.resolve(repoRoot, '../shared/corpus/papers/pdfjs_tracemonkey.pdf');
const work = mkdtempSync(path.join(tmpdir(), 'folio-services-'));

const start = (): Promise<AppServices> => startServices(work);

/** A web server on 127.0.0.1 serving one saved article; counts the requests it gets. */
async function articleServer(): Promise<{ server: Server; url: string; hits: () => number }> {
  const html = readFileSync(path.resolve(repoRoot, '../shared/corpus/html/readability_medium-1/source.html'));
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    if (req.url === '/post.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/post.html`, hits: () => hits };
}

function waitFor(services: AppServices, id: string, status: SourceInfo['status'] | 'settled'): Promise<SourceInfo> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const s = services.sources.list().find((x) => x.id === id);
      if (s && (s.status === status || (status === 'settled' && s.status !== 'ingesting'))) {
        off();
        resolve(s);
        return true;
      }
      return false;
    };
    const off = services.bus.on(() => void check());
    check();
  });
}

function waitRun(services: AppServices, runId: string): Promise<RunInfo> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const r = services.research.list().find((x) => x.id === runId);
      if (r && r.status !== 'running') {
        off();
        resolve(r);
        return true;
      }
      return false;
    };
    const off = services.bus.on(() => void check());
    check();
  });
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('app services', () => {
  it('ingests an uploaded paper off the main thread, serves thumbnails and survives a reopen', async () => {
    const services = await start();
    const call = (channel: string, input: unknown) => services.dispatch(channel, input, { url: PAGE });
    const added = await call('sources.upload', { name: 'pdfjs_tracemonkey.pdf', data: new Uint8Array(readFileSync(paper)) });
    expect(added).toMatchObject({ ok: true, data: { status: 'ingesting', name: 'pdfjs_tracemonkey.pdf' } });
    const id = (added as { data: SourceInfo }).data.id;
    const ready = await waitFor(services, id, 'ready');
    expect(ready).toMatchObject({ pageCount: 14, title: expect.stringMatching(/Trace-based Just-in-Time/) });
    expect(ready.figureCount).toBeGreaterThan(5);

    // The ingest drew the 12 thumbnails the panel shows; page 14's is drawn when asked for.
    const thumbs = () => readdirSync(path.join(work, 'project', 'sources', id, 'pages')).filter((f) => f.startsWith('thumb-'));
    expect(thumbs()).toHaveLength(12);
    const thumb = await call('sources.page', { id, page: 14, size: 'thumb' });
    expect(thumbs()).toHaveLength(13);
    expect(thumb).toMatchObject({ ok: true, data: { mime: 'image/png', page: 14, pointWidth: 612, pointHeight: 792 } });
    const detail = (await call('sources.get', { id })) as { ok: true; data: { figures: { asset?: string }[] } };
    const asset = detail.data.figures.find((f) => f.asset)?.asset;
    expect(asset).toBeDefined();
    expect(await call('sources.asset', { id, asset })).toMatchObject({ ok: true, data: { mime: 'image/png' } });
    expect(await call('sources.asset', { id, asset: 'assets/../../../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });

    const bad = await call('sources.upload', { name: 'broken.pdf', data: new TextEncoder().encode('%PDF-1.4 not really') });
    const failed = await waitFor(services, (bad as { data: SourceInfo }).data.id, 'failed');
    expect(failed.error?.message).toMatch(/^broken\.pdf: /);
    expect(await call('sources.upload', { name: 'notes.txt', data: new TextEncoder().encode('hello') })).toMatchObject({ ok: false, error: { code: 'USER_INPUT', message: expect.stringMatching(/^notes\.txt: unsupported file type/) } });
    await services.close();

    const again = await start();
    expect(again.sources.list().map((s) => [s.name, s.status])).toEqual([
      ['pdfjs_tracemonkey.pdf', 'ready'],
      ['broken.pdf', 'failed'],
    ]);
    expect(await again.dispatch('projects.recent', {}, { url: PAGE })).toMatchObject({ ok: true, data: [{ dir: path.join(work, 'project') }] });
    await again.close();
  });

  it('serves an image source as a small thumbnail and a bounded page view, not the original file', async () => {
    const services = await start();
    const call = (channel: string, input: unknown) => services.dispatch(channel, input, { url: PAGE });
    const photo = path.resolve(repoRoot, '../shared/corpus/images/unstructured_double-column-A.jpg');
    const added = await call('sources.upload', { name: 'scan.jpg', data: new Uint8Array(readFileSync(photo)) });
    const id = (added as { data: SourceInfo }).data.id;
    await waitFor(services, id, 'ready');
    const thumb = (await call('sources.page', { id, page: 1, size: 'thumb' })) as { ok: true; data: { mime: string; width: number; height: number; pointWidth: number; pointHeight: number } };
    expect(thumb.data).toMatchObject({ mime: 'image/png', pointWidth: 1248, pointHeight: 1664 });
    expect(Math.max(thumb.data.width, thumb.data.height)).toBe(400);
    const view = (await call('sources.page', { id, page: 1, size: 'view' })) as { ok: true; data: { mime: string; width: number; height: number } };
    expect(view.data).toMatchObject({ mime: 'image/png', width: 1248, height: 1664 });
    await services.close();
  }, 120_000);

  it('keeps API keys out of every answer', async () => {
    const services = await start();
    const r = await services.dispatch('settings.saveProvider', { provider: { id: 'lab', label: 'Lab', kind: 'openai-compatible', baseUrl: 'https://lab.example/v1', model: 'vl' }, apiKey: 'sk-very-secret' }, { url: PAGE });
    expect(r).toMatchObject({ ok: true, data: { providers: expect.arrayContaining([expect.objectContaining({ id: 'lab', hasKey: true })]) } });
    expect(JSON.stringify(r)).not.toContain('sk-very-secret');
    expect(readFileSync(path.join(work, 'data', 'settings.json'), 'utf8')).not.toContain('sk-very-secret');
    await services.close();
  });

  it('reads a URL source over HTTP, only with the network on and, for a local host, "allow local network"', async () => {
    const web = await articleServer();
    const services = await start();
    const call = (channel: string, input: unknown) => services.dispatch(channel, input, { url: PAGE });
    try {
      await call('settings.set', { network: false, allowLocalNetwork: false });
      expect(await call('sources.addUrl', { url: web.url })).toMatchObject({ ok: false, error: { code: 'USER_INPUT', message: expect.stringMatching(/network is off/) } });
      expect(web.hits()).toBe(0);

      // The network on, but 127.0.0.1 is not the internet: refused before any request, and it says how to allow it.
      await call('settings.set', { network: true });
      const refused = (await call('sources.addUrl', { url: web.url })) as { ok: true; data: SourceInfo };
      const failed = await waitFor(services, refused.data.id, 'settled');
      expect(failed.status).toBe('failed');
      expect(failed.error?.message).toMatch(/127\.0\.0\.1.*(private|local) address.*Settings/);
      expect(web.hits()).toBe(0);

      await call('settings.set', { allowLocalNetwork: true });
      const added = (await call('sources.addUrl', { url: web.url })) as { ok: true; data: SourceInfo };
      const ready = await waitFor(services, added.data.id, 'settled');
      expect(ready.error).toBeUndefined();
      expect(ready).toMatchObject({ status: 'ready', kind: 'url', title: expect.stringMatching(/Open Journalism/) });
      expect(web.hits()).toBe(1);
      const detail = (await call('sources.get', { id: added.data.id })) as { ok: true; data: { pages: unknown[] } };
      expect(detail.data.pages.length).toBe(1);
    } finally {
      await call('settings.set', { network: false, allowLocalNetwork: false });
      await services.close();
      web.server.close();
    }
  });

  it('two tabs pressing Run (or Resume) at the same moment over the same source: one run goes, the other is told why', async () => {
    const services = await start();
    const call = (channel: string, input: unknown) => services.dispatch(channel, input, { url: PAGE });
    try {
      const added = (await call('sources.upload', { name: 'pdfjs_tracemonkey.pdf', data: new Uint8Array(readFileSync(paper)) })) as { data: SourceInfo };
      const id = added.data.id;
      await waitFor(services, id, 'ready');
      const runsBefore = services.research.list().length;
      const req = (goal: string) => call('research.start', { skillId: 'pdf-to-ppt', goal, sourceIds: [id], options: { slides: 6 } });
      const both = (await Promise.all([req('tab one'), req('tab two')])) as ({ ok: true; data: RunInfo } | { ok: false; error: { code: string; message: string } })[];
      expect(both.filter((r) => r.ok)).toHaveLength(1);
      expect(both.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'USER_INPUT', message: expect.stringMatching(/a run over this source is already going/) } });
      expect(services.research.list().filter((r) => r.status === 'running')).toHaveLength(1);
      expect(services.research.list().length).toBe(runsBefore + 1);
      const run = both.find((r) => r.ok) as { ok: true; data: RunInfo };
      await call('research.cancel', { runId: run.data.id });
      // Resume from two tabs: the run is resumed once.
      const resumed = (await Promise.all([call('research.resume', { runId: run.data.id }), call('research.resume', { runId: run.data.id })])) as { ok: boolean }[];
      expect(resumed.filter((r) => r.ok)).toHaveLength(1);
      expect(services.research.list().filter((r) => r.status === 'running')).toHaveLength(1);
      await call('research.cancel', { runId: run.data.id });
    } finally {
      await services.close();
    }
  });

  it('runs over the project\'s documents where they are: a run reads no source again and copies none', async () => {
    const services = await start();
    const call = (channel: string, input: unknown) => services.dispatch(channel, input, { url: PAGE });
    try {
      const added = (await call('sources.upload', { name: 'pdfjs_tracemonkey.pdf', data: new Uint8Array(readFileSync(paper)) })) as { data: SourceInfo };
      const id = added.data.id;
      await waitFor(services, id, 'ready');
      const docJson = path.join(work, 'project', 'sources', id, 'doc', 'document', 'document.json');
      const before = readFileSync(docJson, 'utf8');
      for (const [skillId, options] of [['pdf-to-ppt', { slides: 6 }], ['doc-writing', { length: 'short' }], ['research-report', { outputs: 'md', 'max-steps': 8 }]] as const) {
        const started = (await call('research.start', { skillId, goal: 'how tracing works', sourceIds: [id], options })) as { ok: true; data: RunInfo };
        expect(started).toMatchObject({ ok: true });
        // A second window starting a run over the same source meanwhile is told why not.
        expect(await call('research.start', { skillId, goal: 'again', sourceIds: [id], options })).toMatchObject({
          ok: false,
          error: { code: 'USER_INPUT', message: expect.stringMatching(/^pdfjs_tracemonkey\.pdf: a run over this source is already going/) },
        });
        const run = await waitRun(services, started.data.id);
        expect(run.error).toBeUndefined();
        expect(run.status).toBe('done');
        const trace = (await call('research.trace', { runId: run.id })) as { data: TraceEvent[] };
        // No page was read: no ingest progress, and the trace says the document was taken as read.
        expect(trace.data.filter((e) => e.type === 'ingest-progress')).toEqual([]);
        if (skillId !== 'research-report') expect(trace.data.map((e) => e.message)).toContain('Using pdfjs_tracemonkey.pdf (already read)');
        // The run folder holds what the run made, not a copy of the source's document.
        const out = services.research.outDir(run.id);
        expect(existsSync(path.join(out, 'sources'))).toBe(false);
        expect(readdirSync(out).length).toBeGreaterThan(0);
        for (const o of run.outputs) expect(existsSync(path.resolve(work, 'project', o.path)), o.path).toBe(true);
        if (skillId === 'research-report') {
          // The agent's state names the source by the project's id, so evidence needs no guessing.
          const ev = (await call('research.evidence', { runId: run.id })) as { data: { notes: { refs: { sourceId: string }[] }[] } };
          const refs = ev.data.notes.flatMap((n) => n.refs);
          expect(refs.length).toBeGreaterThan(0);
          expect(new Set(refs.map((r) => r.sourceId))).toEqual(new Set([id]));
          // The report cites those notes: the composer names sources by the same id.
          const report = readFileSync(path.resolve(work, 'project', run.outputs.find((o) => o.kind === 'markdown')?.path ?? 'missing-report'), 'utf8');
          expect(report.match(/\]\(#references\)/g)?.length ?? 0).toBeGreaterThan(2);
          expect(report).not.toContain('no note was taken');
          const state = JSON.parse(readFileSync(path.resolve(work, 'project', run.outputs.find((o) => o.kind === 'state')?.path ?? 'missing-state'), 'utf8')) as { sources: { id: string; docDir: string; path?: string }[] };
          expect(state.sources).toEqual([expect.objectContaining({ id, docDir: path.dirname(docJson), path: expect.stringMatching(/original[\\/]pdfjs_tracemonkey\.pdf$/) })]);
        }
      }
      // The site exports whole, as a zip that works offline: every page, every image, no dead local link.
      const web = (await call('research.start', { skillId: 'pdf-to-web', goal: '', sourceIds: [id], options: {} })) as { ok: true; data: RunInfo };
      expect(await waitRun(services, web.data.id)).toMatchObject({ status: 'done' });
      const exported = (await call('export.file', { runId: web.data.id, kind: 'site' })) as { ok: true; data: { path: string; name: string } };
      expect(exported).toMatchObject({ ok: true, data: { name: expect.stringMatching(/-site\.zip$/) } });
      const zip = await JSZip.loadAsync(readFileSync(path.resolve(work, 'project', exported.data.path)));
      const files = new Set(Object.keys(zip.files).filter((n) => !zip.files[n]!.dir));
      expect(files.has('site/index.html')).toBe(true);
      const pages = [...files].filter((n) => n.endsWith('.html'));
      let images = 0;
      for (const page of pages) {
        const html = await zip.file(page)!.async('string');
        for (const m of html.matchAll(/\s(?:src|href)="([^"#?]+)[^"]*"/g)) {
          const ref = m[1]!;
          if (/^(?:[a-z]+:|\/\/)/i.test(ref)) continue;
          const target = path.posix.normalize(path.posix.join(path.posix.dirname(page), decodeURI(ref)));
          expect(files.has(target), `${page} links ${ref}`).toBe(true);
          if (/\.(png|jpe?g|webp|svg)$/i.test(ref)) images++;
        }
      }
      expect(images).toBeGreaterThan(5);
      // The preview serves the same site file by file, under a key that opens that folder and nothing else.
      const preview = (await call('export.preview', { runId: web.data.id })) as { ok: true; data: { site?: { key: string; page: string } } };
      const site = preview.data.site!;
      expect(site).toMatchObject({ key: expect.stringMatching(/^[0-9a-f]{32}$/), page: 'index.html' });
      const index = await services.exports.siteFile(site.key, site.page);
      expect(index.type).toBe('text/html; charset=utf-8');
      const firstImage = [...files].find((n) => /^site\/assets\/.*\.(png|jpe?g)$/.test(n))!;
      const asset = await services.exports.siteFile(site.key, firstImage.slice('site/'.length));
      expect(readFileSync(asset.file)).toEqual(Buffer.from(await zip.file(firstImage)!.async('uint8array')));
      expect(asset.type).toMatch(/^image\//);
      await expect(services.exports.siteFile(site.key, '../state.json')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(services.exports.siteFile(site.key, '../../../../../../../etc/passwd')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(services.exports.siteFile('0'.repeat(32), 'index.html')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      // A link inside the site folder that points out of it is not followed.
      symlinkSync(path.resolve(work, 'project', 'project.json'), path.join(path.dirname(index.file), 'escape.json'));
      await expect(services.exports.siteFile(site.key, 'escape.json')).rejects.toMatchObject({ code: 'NOT_FOUND' });

      // The project's document is the same file, untouched.
      expect(readFileSync(docJson, 'utf8')).toBe(before);
    } finally {
      await services.close();
    }
  });
});
