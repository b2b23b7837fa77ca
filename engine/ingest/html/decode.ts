// Bytes of a web page → text. The charset comes from a byte-order mark, else valid UTF-8 wins
// (pages re-saved as UTF-8 often keep a stale <meta charset=gb2312>), else the server's or the
// page's declaration, else windows-1252 as browsers do. Binary files named .html stop here.
import { SourceError } from '../../errors.js';

export function decodeHtml(data: Uint8Array, declared: string | undefined, file: string): string {
  if (data.length === 0) throw new SourceError(file, 'is empty');
  const text = decode(data, declared);
  if (!text.trim()) throw new SourceError(file, 'is empty');
  const sample = text.slice(0, 65_536);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++;
  }
  if (control > 8 && control / sample.length > 0.02) throw new SourceError(file, 'is not a web page (binary content)');
  return text;
}

function decode(data: Uint8Array, declared: string | undefined): string {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return new TextDecoder('utf-8').decode(data.subarray(3));
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    // Not UTF-8: fall through to the declared charset.
  }
  const head = Buffer.from(data.subarray(0, 4096)).toString('latin1');
  const inPage = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
  for (const label of [declared, inPage, 'windows-1252']) {
    if (!label) continue;
    try {
      return new TextDecoder(label).decode(data);
    } catch {
      // An unknown charset label: try the next source.
    }
  }
  return new TextDecoder('windows-1252').decode(data);
}
