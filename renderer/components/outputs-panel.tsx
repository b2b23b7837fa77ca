// Outputs of the selected run: deck preview (its HTML slides as thumbnails), report preview
// (Markdown rendered and sanitised), site preview (the site's own files in a sandboxed iframe), export buttons and
// "show in folder".
import { useEffect, useMemo, useRef, type MouseEvent } from 'react';
import type { ExportKind } from '../../electron/contract/contract.ts';
import { useActions, useApp, useTransport } from '../context.ts';
import { renderMarkdown } from '../lib/markdown.ts';
import { SlideDeck } from './slide-deck.tsx';
import { citationTarget, citedSource, parseCitation } from '../store/outputs/citations.ts';
import { outputsSelectors } from '../store/outputs/selectors.ts';
import { researchSelectors } from '../store/research/selectors.ts';

const EXPORT_LABEL: Record<ExportKind, string> = { pptx: 'Export PPTX', markdown: 'Export Markdown', site: 'Export HTML site (.zip)', slides: 'Export HTML slides (.zip)' };

export function OutputsPanel() {
  const a = useActions();
  const transport = useTransport();
  const run = useApp((s) => researchSelectors.activeRun(s));
  const preview = useApp((s) => outputsSelectors.preview(s, s.activeRunId));
  const tab = useApp((s) => s.outputTab);
  const exporting = useApp((s) => s.exporting);
  const lastExport = useApp((s) => (s.lastExport && s.lastExport.runId === s.activeRunId ? s.lastExport : null));
  const error = useApp((s) => s.outputsError);
  const loading = useApp((s) => s.previewLoading);
  const kinds = outputsSelectors.exportKinds(run);
  const evidence = useApp((s) => (s.activeRunId ? s.evidence[s.activeRunId] : undefined));
  const sources = useApp((s) => s.sources);
  const reportHtml = useMemo(() => (preview?.report ? renderMarkdown(preview.report) : ''), [preview?.report]);

  const doExport = async (kind: ExportKind): Promise<void> => {
    if (!run) return;
    const r = await a.exportFile(run.id, kind);
    if (r && !r.savedTo && transport.download) transport.download(r.path, r.name);
  };
  // A citation "[n, p. P]" opens the page it cites, at the quote's box, instead of jumping to the list.
  const openCitation = (e: MouseEvent<HTMLElement>): void => {
    const link = (e.target as Element).closest('a[href="#references"]');
    const mark = link ? parseCitation(link.textContent ?? '') : null;
    if (!run || !link || !mark) return;
    e.preventDefault();
    const article = e.currentTarget;
    const heading = [...article.querySelectorAll('h2')].find((h) => h.textContent?.trim() === 'References');
    const list = heading?.nextElementSibling?.tagName === 'OL' ? heading.nextElementSibling : null;
    const references = list ? [...list.children].map((li) => li.textContent ?? '') : [];
    const names = Object.fromEntries(Object.values(sources).map((x) => [x.id, x.name]));
    const sourceId = citedSource(mark.source, references, run.sourceIds, names);
    if (!sourceId) return a.notify('warning', `Source ${mark.source} of this report is no longer in the project.`);
    const target = citationTarget(evidence, sourceId, mark.page, textBefore(link));
    a.openViewer({ sourceId, page: target.page, ...(target.bbox ? { box: target.bbox } : {}), label: `Cited: ${link.textContent ?? ''}` });
  };
  // Say what a citation does (it no longer jumps to the list): for the pointer and for screen readers.
  const reportRef = useRef<HTMLElement>(null);
  useEffect(() => {
    for (const link of reportRef.current?.querySelectorAll('a[href="#references"]') ?? []) {
      const mark = parseCitation(link.textContent ?? '');
      if (mark) link.setAttribute('title', `Open source ${mark.source} at page ${mark.page}`);
    }
  }, [reportHtml, tab]);
  const tabs = [
    { id: 'deck' as const, label: 'Deck', has: (preview?.slideCount ?? 0) > 0 },
    { id: 'report' as const, label: 'Report', has: !!preview?.report },
    { id: 'site' as const, label: 'Site', has: !!preview?.site },
  ];

  return (
    <section className="panel outputs" aria-label="Outputs" data-testid="outputs">
      <h2>Outputs</h2>
      {!run || run.status !== 'done' ? (
        <p className="muted">{run?.status === 'running' ? 'Previews appear when the run finishes.' : 'Nothing made yet.'}</p>
      ) : (
        <>
          <div className="tabs" role="tablist" aria-label="Preview">
            {tabs
              .filter((t) => t.has)
              .map((t) => (
                <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className={tab === t.id ? 'active' : ''} onClick={() => a.setOutputTab(t.id)}>
                  {t.label}
                </button>
              ))}
          </div>
          <div className="preview" role="tabpanel" data-testid="preview">
            {loading && <p className="muted">Loading preview…</p>}
            {tab === 'deck' && run && preview?.slideCount ? <SlideDeck runId={run.id} count={preview.slideCount} /> : null}
            {tab === 'report' && preview?.report && <article className="report" ref={reportRef} data-testid="report" onClick={openCitation} dangerouslySetInnerHTML={{ __html: reportHtml }} />}
            {/* The site's own files, served with their own CSP. The sandbox has neither allow-scripts nor allow-same-origin: the page cannot run code or reach the app. */}
            {tab === 'site' && preview?.site && <iframe className="site" title="Site preview" sandbox="" src={transport.siteUrl(preview.site.key, preview.site.page)} data-testid="site" />}
          </div>
          <div className="row wrap">
            {kinds.map((k) => (
              <button key={k} type="button" disabled={exporting !== null} onClick={() => void doExport(k)} data-testid={`export-${k}`}>
                {exporting === k ? 'Exporting…' : EXPORT_LABEL[k]}
              </button>
            ))}
            {lastExport && (
              <button
                type="button"
                className="ghost"
                onClick={() =>
                  void a.reveal(lastExport.savedTo ?? lastExport.path).then((p) => {
                    if (p) a.notify('info', `Saved in ${p}`);
                  })
                }
              >
                Show in folder
              </button>
            )}
          </div>
          {lastExport && (
            <p className="small muted" data-testid="export-done">
              Exported {lastExport.name}
              {lastExport.savedTo ? ` to ${lastExport.savedTo}` : ''}
            </p>
          )}
        </>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

/** The text a citation marker closes: its block's text before it, after any earlier marker. */
function textBefore(link: Element): string {
  const block = link.closest('p, li, td, blockquote') ?? link.parentElement;
  if (!block) return '';
  let text = '';
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n && !link.contains(n); n = walker.nextNode()) text += n.textContent ?? '';
  return text.split(/\[\d+, p\. \d+\]/).at(-1) ?? text;
}
