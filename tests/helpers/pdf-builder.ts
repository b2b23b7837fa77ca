// Writes tiny PDFs for bad-input tests: hand-made structure so each defect is exactly one thing.

export interface TestPage {
  width: number;
  height: number;
  content: string;
  /** Adds a 1×1 image XObject named /Im1 to the page resources. */
  image?: boolean;
}

/** `info`: the document information dictionary, as PDF source ("<< /Title (…) >>"). */
export function buildPdf(pages: TestPage[], opts: { encrypted?: boolean; info?: string } = {}): Uint8Array {
  const objs: string[] = [];
  const add = (s: string): number => objs.push(s);
  const catalog = add('');
  const pagesObj = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const img = add('<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream');
  const kids: number[] = [];
  for (const p of pages) {
    const content = add(`<< /Length ${p.content.length} >>\nstream\n${p.content}\nendstream`);
    const res = `<< /Font << /F1 ${font} 0 R >>${p.image ? ` /XObject << /Im1 ${img} 0 R >>` : ''} >>`;
    kids.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${p.width} ${p.height}] /Resources ${res} /Contents ${content} 0 R >>`));
  }
  objs[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objs[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let encrypt = '';
  if (opts.encrypted) {
    // Standard security handler, RC4 40-bit, with an owner/user key that no empty password opens.
    const hex = (n: number): string => Array.from({ length: n }, (_, i) => ((i * 37 + 11) % 256).toString(16).padStart(2, '0')).join('');
    const e = add(`<< /Filter /Standard /V 1 /R 2 /O <${hex(32)}> /U <${hex(32)}> /P -4 >>`);
    encrypt = ` /Encrypt ${e} 0 R /ID [<${hex(16)}> <${hex(16)}>]`;
  }
  const info = opts.info ? add(opts.info) : 0;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root ${catalog} 0 R${encrypt}${info ? ` /Info ${info} 0 R` : ''} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
