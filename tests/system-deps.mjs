// Brings the Debian tools the tests use. As root, missing ones are installed with apt-get;
// otherwise this stops at once with the exact command to run.
import { execFileSync, spawnSync } from 'node:child_process';

// bin: a command that must exist; probe: a shell test for things that are not commands (language data).
const NEEDED = [
  { bin: 'pdftotext', pkg: 'poppler-utils' },
  { bin: 'chromium', pkg: 'chromium' },
  { bin: 'soffice', pkg: 'libreoffice-impress' },
  { bin: 'tesseract', pkg: 'tesseract-ocr' },
  { bin: 'tesseract-eng', pkg: 'tesseract-ocr-eng', probe: 'tesseract --list-langs 2>/dev/null | grep -qx eng' },
  { bin: 'tesseract-chi_sim', pkg: 'tesseract-ocr-chi-sim', probe: 'tesseract --list-langs 2>/dev/null | grep -qx chi_sim' },
  { bin: 'fonts-liberation', pkg: 'fonts-liberation', probe: 'fc-list 2>/dev/null | grep -qi LiberationSans' },
  // The image tests make JPEG, WebP, GIF, BMP and TIFF files with convert. A `convert` on the PATH is
  // not enough: some machines carry a stand-in that only turns a PNG into PPM, so ask for ImageMagick's.
  { bin: 'convert (ImageMagick)', pkg: 'imagemagick', probe: 'convert -version 2>/dev/null | grep -q ImageMagick' },
];

export function ensureSystemDeps() {
  const missing = NEEDED.filter(({ bin, probe }) => spawnSync('sh', ['-c', probe ?? `command -v ${bin}`]).status !== 0);
  if (missing.length === 0) return;
  const pkgs = [...new Set(missing.map((m) => m.pkg))];
  const cmd = `apt-get update && apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(`The tests need ${missing.map((m) => m.bin).join(', ')}. Install with:\n  sudo sh -c '${cmd}'`);
    process.exit(1);
  }
  console.error(`Installing ${pkgs.join(' ')} (${cmd})`);
  execFileSync('sh', ['-c', cmd], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}
