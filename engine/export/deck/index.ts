// The deck exporters' public face: fit a Deck, write it as an editable .pptx or as HTML slides.
export { fitDeck, type FitOptions, type FitResult } from './fit.js';
export { fontMeasurer, estimatingMeasurer, type TextMeasurer } from './fonts.js';
export { layoutForAspect } from './layout.js';
export { exportPptx, type PptxExportOptions, type PptxExportResult } from '../pptx/index.js';
export { exportSlides, type SlidesExportOptions, type SlidesExportResult } from '../slides/index.js';
