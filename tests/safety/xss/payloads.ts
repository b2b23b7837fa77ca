// The XSS payload corpus (issue 28): each payload is a way text from a source has been seen to turn
// into markup or a live URL somewhere. Every one calls alert(<n>), so a dialog names the payload that
// fired. They go into the hostile sources (sources.ts) and from there through every output writer.
export const PAYLOADS: readonly string[] = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '<svg onload=alert(3)>',
  '<svg><animate onbegin=alert(4) attributeName=x dur=1s>',
  '<iframe srcdoc="<script>parent.alert(5)</script>"></iframe>',
  '<a href="javascript:alert(6)">j6</a>',
  '<a href="java&#x09;script:alert(7)">j7</a>',
  '<a href="data:text/html,<script>alert(8)</script>">d8</a>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(9)">',
  '<form action="javascript:alert(10)"><button id=f10>go</button></form>',
  '<b><img src=x onerror=alert(11)></b>',
  '<u><iframe srcdoc="<img src=x onerror=parent.alert(12)>"></iframe></u>',
  '<i><svg><animate onbegin=alert(13) attributeName=x dur=1s></svg></i>',
  '<x-z><img src=x onerror=alert(14)></x-z>',
  '</title><script>alert(15)</script>',
  '"><img src=x onerror=alert(16)>',
  "' autofocus onfocus='alert(17)",
  '[m18](javascript:alert(18))',
  '![m19](x" onerror="alert(19))',
  '<javascript:alert(20)>',
  '\\<img src=y onerror=alert(21)>',
  '<details open ontoggle=alert(22)>',
  '<body onload=alert(23)>',
  '<style>@import "javascript:alert(24)";</style>',
  '---\ntitle: x\n---\n<script>alert(25)</script>',
  '<object data="javascript:alert(26)"></object>',
  '<embed src="javascript:alert(27)">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(28)>',
];

/** All payloads in one line (for titles, cells and file names that take one string). */
export const ALL = PAYLOADS.join(' ');
