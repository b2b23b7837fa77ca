// Sources column: drop zone, file picker, pasted URL, and each source with its status (ingesting
// with progress, ready with page thumbnails, failed with the reason).
import { useEffect, useRef, useState, type RefObject } from 'react';
import { rovingKeys, useRovingTabIndex } from '../lib/a11y.ts';
import { FILE_PICKER_ACCEPT, type SourceInfo } from '../../electron/contract/contract.ts';
import { useActions, useApp } from '../context.ts';
import { plural } from '../lib/format.ts';
import { sourcesSelectors } from '../store/sources/selectors.ts';

const THUMBS_SHOWN = 12;

export function SourcesPanel({ fileInput }: { fileInput: RefObject<HTMLInputElement | null> }) {
  const a = useActions();
  const order = useApp((s) => s.sourceOrder);
  const sources = useApp((s) => s.sources);
  const list = order.map((id) => sources[id]).filter((s): s is SourceInfo => s !== undefined);
  // A source added while the list is on screen is scrolled into view (it lands at the end, often below the fold).
  const listRef = useRef<HTMLUListElement>(null);
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    const ids = new Set(list.map((x) => x.id));
    const before = seen.current;
    seen.current = ids;
    if (!before) return;
    const added = list.filter((x) => !before.has(x.id)).at(-1);
    if (added) listRef.current?.querySelector(`[data-source-id="${CSS.escape(added.id)}"]`)?.scrollIntoView({ block: 'nearest' });
  });
  const error = useApp((s) => s.sourcesError);
  const native = useApp((s) => s.app?.nativeDialogs ?? false);
  const [over, setOver] = useState(false);
  const [url, setUrl] = useState('');

  const upload = async (files: FileList | File[]): Promise<void> => {
    const items = await Promise.all([...files].map(async (f) => ({ name: f.name, data: new Uint8Array(await f.arrayBuffer()) })));
    await a.uploadFiles(items);
  };

  return (
    <aside className="column sources" aria-label="Sources">
      <h2>Sources</h2>
      <div
        className={`dropzone${over ? ' over' : ''}`}
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void upload(e.dataTransfer.files);
        }}
      >
        <p>Drop PDFs, images or .html pages here</p>
        <button
          type="button"
          onClick={() => (native ? void a.pickFiles() : fileInput.current?.click())}
          aria-keyshortcuts="Control+O Meta+O"
        >
          Add files…
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          accept={FILE_PICKER_ACCEPT}
          hidden
          aria-label="Choose source files"
          data-testid="file-input"
          onChange={(e) => {
            const files = e.currentTarget.files;
            if (files?.length) void upload([...files]).finally(() => (e.target.value = ''));
          }}
        />
      </div>
      <form
        className="url-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (url.trim()) void a.addUrl(url.trim()).then(() => setUrl(''));
        }}
      >
        <label htmlFor="source-url">Web page</label>
        <div className="row">
          <input id="source-url" type="url" placeholder="https://…" value={url} onChange={(e) => setUrl(e.target.value)} />
          <button type="submit" disabled={!url.trim()}>
            Add
          </button>
        </div>
      </form>
      {error && (
        <div className="error-box" role="alert">
          {error}
          <button type="button" className="link" onClick={() => a.clearSourcesError()}>
            Dismiss
          </button>
        </div>
      )}
      {list.some((x) => x.status === 'ready') && <p className="small muted">Ticked sources are used by the next run.</p>}
      <ul className="source-list" aria-label="Added sources" ref={listRef}>
        {list.length === 0 && <li className="muted empty">No sources yet.</li>}
        {list.map((s) => <SourceItem key={s.id} source={s} />)}
      </ul>
    </aside>
  );
}

function SourceItem({ source }: { source: SourceInfo }) {
  const a = useActions();
  const ticked = useApp((s) => sourcesSelectors.isTicked(s, source.id));
  const others = useApp((s) => sourcesSelectors.readyIds(s).length > 1);
  const pct = Math.round(sourcesSelectors.progress(source) * 100);
  return (
    <li className={`source ${source.status}`} data-testid="source" data-source-id={source.id} data-status={source.status} aria-label={`${source.name}: ${source.status}`}>
      <div className="source-head">
        {source.status === 'ready' && (
          <input
            type="checkbox"
            className="tick"
            checked={ticked}
            aria-label={`Use ${source.name} in the next run`}
            data-testid="source-tick"
            onChange={(e) => a.tickSource(source.id, e.target.checked)}
          />
        )}
        <span className={`badge ${source.status}`}>{source.status === 'ingesting' ? 'Reading' : source.status === 'ready' ? 'Ready' : 'Failed'}</span>
        <span className="source-name" title={source.name}>
          {source.title && source.status === 'ready' ? source.title : source.name}
        </span>
        {source.status === 'ready' && others && (
          <button type="button" className="link small" aria-label={`Use only ${source.name}`} onClick={() => a.tickOnly(source.id)}>
            Only this
          </button>
        )}
        <button type="button" className="icon" aria-label={`Remove ${source.name}`} onClick={() => void a.removeSource(source.id)}>
          ×
        </button>
      </div>
      {source.status === 'ingesting' && (
        <div className="progress" role="progressbar" aria-label={`Reading ${source.name}`} aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
          <div style={{ width: `${pct}%` }} />
          <span className="small muted">{phaseText(source.progress)}</span>
        </div>
      )}
      {source.status === 'failed' && (
        <p className="error-text" data-testid="source-error">
          {source.error?.message ?? 'could not be read'}
        </p>
      )}
      {source.status === 'ready' && (
        <>
          <p className="small muted">
            {source.name} · {plural(source.pageCount ?? 0, 'page')} · {plural(source.figureCount ?? 0, 'figure')} · {plural(source.tableCount ?? 0, 'table')}
          </p>
          {source.kind === 'pdf' || source.kind === 'image' ? <Thumbs source={source} /> : null}
        </>
      )}
    </li>
  );
}

function Thumbs({ source }: { source: SourceInfo }) {
  const a = useActions();
  const n = Math.min(source.pageCount ?? 0, THUMBS_SHOWN);
  const thumbs = useApp((s) => s.thumbs);
  const box = useRef<HTMLDivElement>(null);
  // One Tab stop for all the pages; the arrow keys, Home and End move between them.
  useRovingTabIndex(box, '.thumb');
  useEffect(() => {
    // One request at a time: thumbnails are small, and a burst would only queue behind each other.
    let stop = false;
    void (async () => {
      for (let p = 1; p <= n && !stop; p++) await a.loadThumb(source.id, p).catch(() => undefined);
    })();
    return () => {
      stop = true;
    };
  }, [a, source.id, n]);
  return (
    <div className="thumbs" data-testid="thumbs" role="group" aria-label={`Pages of ${source.name} (arrow keys move between them)`} ref={box} onKeyDown={rovingKeys('.thumb')}>
      {Array.from({ length: n }, (_, i) => i + 1).map((p) => {
        const src = thumbs[`${source.id}:${p}`];
        return (
          <button type="button" key={p} className="thumb" aria-label={`Open page ${p} of ${source.name}`} onClick={() => a.openViewer({ sourceId: source.id, page: p })}>
            {src ? <img src={src} alt="" decoding="async" data-testid="thumb" /> : <span className="thumb-placeholder" />}
            <span className="thumb-num">{p}</span>
          </button>
        );
      })}
      {(source.pageCount ?? 0) > n && <span className="small muted more">+{(source.pageCount ?? 0) - n} more</span>}
    </div>
  );
}

const PHASES: Record<string, string> = {
  open: 'Opening',
  pages: 'Reading page',
  ocr: 'Recognising the text of scanned page',
  crops: 'Cropping figure or table',
  thumbnails: 'Drawing thumbnail',
};

/** Progress in words ("Reading page 3 of 14"), never the engine's raw phase name. */
export function phaseText(p: SourceInfo['progress']): string {
  if (!p) return 'Starting…';
  const label = PHASES[p.phase] ?? 'Working';
  return p.phase === 'open' ? `${label}…` : `${label} ${Math.min(p.done + 1, p.total)} of ${p.total}`;
}
