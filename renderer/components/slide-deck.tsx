// Deck preview: the selected slide large, all slides as thumbnails below. Each slide is a 1280×720
// page in a sandboxed iframe (no scripts), scaled to its box. Slides are fetched one at a time, one
// per frame, so a long deck with many figures never blocks the page in one go.
import { useEffect, useRef, useState } from 'react';
import { useClient } from '../context.ts';

const SLIDE_W = 1280;
const SLIDE_H = 720;

function SlideFrame({ html, title }: { html: string | undefined; title: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(0);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setScale(el.clientWidth / SLIDE_W));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return (
    <div className="slide-frame" ref={box}>
      {scale > 0 && html !== undefined && <iframe title={title} sandbox="" srcDoc={html} tabIndex={-1} style={{ width: SLIDE_W, height: SLIDE_H, transform: `scale(${scale})` }} />}
    </div>
  );
}

export function SlideDeck({ runId, count }: { runId: string; count: number }) {
  const client = useClient();
  const [current, setCurrent] = useState(0);
  const [slides, setSlides] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setCurrent(0);
    setSlides([]);
    setError(null);
    void (async () => {
      for (let i = 0; i < count && live; i++) {
        try {
          const { html } = await client.call('export.slide', { runId, index: i });
          if (!live) return;
          setSlides((s) => [...s, html]);
          // Let the page paint before the next slide arrives.
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        } catch (err) {
          if (live) setError(err instanceof Error ? err.message : String(err));
          return;
        }
      }
    })();
    return () => {
      live = false;
    };
  }, [client, runId, count]);

  return (
    <div className="deck" data-testid="slides">
      <div className="slide-main">
        <SlideFrame key={current} html={slides[current]} title={`Slide ${current + 1} of ${count}`} />
      </div>
      {error && <p className="error-text">{error}</p>}
      <ol className="slides" aria-label="Slides">
        {Array.from({ length: count }, (_, i) => (
          <li key={i}>
            <button type="button" className={`slide-thumb${i === current ? ' active' : ''}`} aria-label={`Slide ${i + 1}`} aria-current={i === current} onClick={() => setCurrent(i)}>
              <SlideFrame html={slides[i]} title={`Slide ${i + 1}`} />
              <span className="small muted">{i + 1}</span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
