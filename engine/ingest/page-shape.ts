// Page shapes that say what kind of document a file is.

/**
 * Four pages in five wider than tall (by more than 15 %): a slide deck exported to PDF, whose
 * pages are 16:9 or 4:3. Ingest reads each slide's first line as its title; the composer reads
 * such a deck slide by slide.
 */
export function mostlyLandscape(pages: readonly { width: number; height: number }[]): boolean {
  return pages.filter((p) => p.width > 1.15 * p.height).length >= 0.8 * pages.length;
}
