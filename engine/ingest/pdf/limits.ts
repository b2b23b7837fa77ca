// Limits on what pdf.js decodes, in a module of their own so that the main thread can name them
// without loading pdf.js.

/**
 * Largest image pdf.js decodes for rendering, in pixels; larger ones are left out of the render
 * (pdf.js warns). A 20,000² RGB image in 1 MB of flate peaked at 4.5 GB; 36 MP is just above an
 * A4 or Letter page scanned at 600 dpi (35 and 34 MP): a 49 MP image still peaked at 1054 MB.
 */
export const MAX_PDF_IMAGE_PIXELS = 36_000_000;
