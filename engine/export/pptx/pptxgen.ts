// The one module that talks to pptxgenjs: draws fitted slide plans (engine/export/deck/layout.ts) as
// native PowerPoint objects — editable text boxes with real bullet paragraphs, pictures, native
// tables, speaker notes and slide numbers — and returns the .pptx bytes.
import pptxgenModule from 'pptxgenjs';
import type { Theme } from '../../compose/theme.js';
import { BULLET_INDENT, CELL_PAD_X, CELL_PAD_Y, INSET, LINE, NUMBER_BOX, PARA_AFTER, SLIDE_H, SLIDE_W, type SlidePlan, type TextPlan } from '../deck/layout.js';

// pptxgenjs ships CommonJS typings with an ESM build: under NodeNext the typings put the class on
// `.default`, while Node's ESM loader hands over the class itself. Accept both.
type PptxGenJS = InstanceType<typeof pptxgenModule.default>;
const PptxGenJS = ((pptxgenModule as unknown as { default?: typeof pptxgenModule.default }).default ?? pptxgenModule) as typeof pptxgenModule.default;
type TextProps = Parameters<ReturnType<PptxGenJS['addSlide']>['addText']>[0] extends infer T ? (T extends (infer U)[] ? U : never) : never;
type TableRow = Parameters<ReturnType<PptxGenJS['addSlide']>['addTable']>[0][number];

export interface PptxMeta {
  title: string;
  subject?: string;
  author: string;
}

export interface DrawnSlide {
  plan: SlidePlan;
  notes: string;
}

const inch = (pt: number): number => pt / 72;
const hex = (c: string): string => c.replace(/^#/, '').toUpperCase();

function textRuns(t: TextPlan, role: SlidePlan['texts'][number]['role']): TextProps[] {
  return t.paragraphs.map((p, i) => ({
    text: p,
    options: {
      breakLine: i < t.paragraphs.length - 1,
      ...(t.bullet ? { bullet: { indent: BULLET_INDENT } } : {}),
      // A listing's lines follow each other as in the source.
      ...(i < t.paragraphs.length - 1 && role !== 'code' ? { paraSpaceAfter: Math.round(t.size * PARA_AFTER * 100) / 100 } : {}),
      // The source line under a caption is set apart in italics.
      ...(role === 'caption' && i > 0 ? { italic: true } : {}),
    },
  }));
}

/** `inline`: image path → "image/png;base64,…" for pictures that go in as data rather than from their file. */
export async function drawPptx(slides: readonly DrawnSlide[], theme: Theme, inline: ReadonlyMap<string, string>, meta: PptxMeta): Promise<Uint8Array> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_16x9'; // 10 × 5.625 in, the geometry the plans are made for
  if (inch(SLIDE_W) !== 10 || inch(SLIDE_H) !== 5.625) throw new Error('slide geometry and pptx layout disagree');
  pptx.title = meta.title;
  pptx.author = meta.author;
  pptx.company = 'Folio';
  if (meta.subject) pptx.subject = meta.subject;
  const pal = theme[theme.deck];

  for (const { plan, notes } of slides) {
    const slide = pptx.addSlide();
    slide.background = { color: hex(pal.bg) };
    const layout = plan.slide.layout;
    if (layout === 'title' || layout === 'section' || layout === 'closing') {
      slide.addShape(pptx.ShapeType.rect, { x: 0, y: 0, w: 10, h: 0.12, fill: { color: hex(pal.accent) }, line: { color: hex(pal.accent), width: 0 } });
    } else {
      // A hairline under the title.
      slide.addShape(pptx.ShapeType.line, { x: inch(36), y: inch(88), w: inch(SLIDE_W - 72), h: 0, line: { color: hex(pal.border), width: 0.75 } });
    }
    for (const { role, plan: t } of plan.texts) {
      slide.addText(textRuns(t, role), {
        x: inch(t.x),
        y: inch(t.y),
        w: inch(t.w),
        h: inch(t.h),
        margin: INSET,
        fontFace: t.font.family,
        fontSize: t.size,
        bold: t.font.bold === true,
        color: hex(t.color),
        align: t.align,
        valign: t.valign,
        lineSpacing: Math.round(t.size * LINE * 100) / 100,
        fit: 'none',
        wrap: role !== 'code',
        objectName: role,
        // A listing sits on a panel, editable text in the theme's monospace font (layout.ts planCode).
        ...(role === 'code' ? { fill: { color: hex(pal.surface) }, line: { color: hex(pal.border), width: 0.75 } } : {}),
      });
    }
    if (plan.image) {
      const im = plan.image;
      const data = inline.get(im.path);
      slide.addImage({ ...(data ? { data } : { path: im.path }), x: inch(im.x), y: inch(im.y), w: inch(im.w), h: inch(im.h), altText: plan.texts.find((t) => t.role === 'caption')?.plan.paragraphs[0] ?? '' });
    }
    if (plan.table) {
      const tb = plan.table;
      const rows: TableRow[] = tb.rows.map((r, ri) => {
        const head = tb.header && ri === 0;
        return tb.colW.map((_, c) => ({
          text: r[c] ?? '',
          options: {
            bold: head,
            color: hex(head ? pal.bg : pal.fg),
            fill: { color: hex(head ? pal.accent : ri % 2 === 0 ? pal.surface : pal.bg) },
            fontFace: theme.fonts.body,
            fontSize: tb.size,
            valign: 'top' as const,
            margin: [CELL_PAD_Y, CELL_PAD_X, CELL_PAD_Y, CELL_PAD_X],
            lineSpacing: Math.round(tb.size * LINE * 100) / 100,
          },
        }));
      });
      slide.addTable(rows, {
        x: inch(tb.x),
        y: inch(tb.y),
        w: inch(tb.colW.reduce((a, b) => a + b, 0)),
        colW: tb.colW.map(inch),
        rowH: tb.rowH.map(inch),
        border: { type: 'solid', pt: 0.5, color: hex(pal.border) },
        autoPage: false,
      });
    }
    if (plan.numbered) {
      slide.slideNumber = { x: inch(NUMBER_BOX.x), y: inch(NUMBER_BOX.y), w: inch(NUMBER_BOX.w), h: inch(NUMBER_BOX.h), fontFace: theme.fonts.body, fontSize: 10, color: hex(pal.muted), align: 'right' };
    }
    if (notes) slide.addNotes(notes);
  }
  const out = await pptx.write({ outputType: 'nodebuffer', compression: true });
  if (!(out instanceof Uint8Array)) throw new Error('pptxgenjs returned no bytes');
  return out;
}
