// The page viewer: one page of a source at reading size, with a box highlighted (a figure, a
// note's evidence), and page navigation. A modal dialog; Esc closes it.
import { useEffect, useRef, useState } from 'react';
import type { PageImage } from '../../electron/contract/contract.ts';
import { useActions, useApp, useClient } from '../context.ts';
import { useDialogFocus } from '../lib/a11y.ts';
import { uiSelectors } from '../store/ui/selectors.ts';

export function PageViewer() {
  const a = useActions();
  const client = useClient();
  const viewer = useApp((s) => s.viewer);
  const source = useApp((s) => (s.viewer ? s.sources[s.viewer.sourceId] : undefined));
  const [img, setImg] = useState<PageImage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  const sourceId = viewer?.sourceId;
  const pageNo = viewer?.page;
  useEffect(() => {
    if (!sourceId || !pageNo) return;
    let live = true;
    setImg(null);
    setError(null);
    closeRef.current?.focus();
    a.store()
      .loadDetail(sourceId)
      .catch(() => undefined);
    client.call('sources.page', { id: sourceId, page: pageNo, size: 'view' }).then(
      (page) => live && setImg(page),
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [a, client, sourceId, pageNo]);

  const detail = useApp((s) => (s.viewer ? s.details[s.viewer.sourceId] : undefined));
  const dialogRef = useRef<HTMLDivElement>(null);
  useDialogFocus(dialogRef, viewer !== null, closeRef);
  if (!viewer) return null;
  const onPage = [...(detail?.figures ?? []), ...(detail?.tables ?? [])].filter((f) => f.page === viewer.page);
  const pages = source?.pageCount ?? 1;
  const box = viewer.box && img ? uiSelectors.boxPercent(viewer.box, img.pointWidth, img.pointHeight) : null;
  return (
    <div className="modal-backdrop" onClick={() => a.closeViewer()}>
      <div className="modal viewer" ref={dialogRef} role="dialog" aria-modal="true" aria-label={`${source?.name ?? 'Source'}, page ${viewer.page}`} onClick={(e) => e.stopPropagation()} data-testid="page-viewer">
        <div className="modal-head">
          <strong className="viewer-title">{source?.title ?? source?.name}</strong>
          <span className="muted nowrap">
            Page {viewer.page} of {pages}
          </span>
          <div className="spacer" />
          <button type="button" disabled={viewer.page <= 1} onClick={() => a.viewerPage(viewer.page - 1)} aria-label="Previous page">
            ‹
          </button>
          <button type="button" disabled={viewer.page >= pages} onClick={() => a.viewerPage(viewer.page + 1)} aria-label="Next page">
            ›
          </button>
          <button type="button" ref={closeRef} onClick={() => a.closeViewer()}>
            Close
          </button>
        </div>
        {viewer.label && <p className="viewer-label small">{viewer.label}</p>}
        {onPage.length > 0 && (
          <div className="viewer-figures" role="group" aria-label="Figures and tables on this page">
            {onPage.map((f) => (
              <button
                key={f.id}
                type="button"
                className={sameBox(viewer.box, f.bbox) ? 'active' : ''}
                aria-pressed={sameBox(viewer.box, f.bbox)}
                title={f.caption}
                onClick={() => a.openViewer({ sourceId: viewer.sourceId, page: viewer.page, box: f.bbox, label: f.label })}
              >
                {f.label || f.id}
              </button>
            ))}
          </div>
        )}
        {/* Focusable: the page is taller than the dialog, and the keyboard must scroll it too. */}
        <div className="viewer-body" tabIndex={0} role="region" aria-label={`Page ${viewer.page} image`}>
          {error && <p className="error-text">{error}</p>}
          {!img && !error && <p className="muted">Rendering page…</p>}
          {img && (
            <div className="page-frame">
              <img src={`data:${img.mime};base64,${img.base64}`} alt={`Page ${viewer.page}`} decoding="async" />
              {box && <div className="highlight" data-testid="highlight" style={{ left: `${box.left}%`, top: `${box.top}%`, width: `${box.width}%`, height: `${box.height}%` }} />}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

function sameBox(a: readonly number[] | undefined, b: readonly number[]): boolean {
  return !!a && a.length === b.length && a.every((v, i) => Math.abs(v - (b[i] ?? NaN)) < 0.5);
}
