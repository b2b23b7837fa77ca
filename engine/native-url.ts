// The URL to import a plain JavaScript module file from so that it loads as Node itself loads it.
//
// The command line and the dev server run the TypeScript sources under tsx's loader, registered
// for the whole process (skills are TypeScript modules imported at run time, so it cannot be left
// out). That loader also rewrites plain JavaScript modules, dynamic imports included, with a source
// map: for pdf.js's two modules (1 MB and 2.3 MB) that was ~1.3 s and ~350 MB on every start of a
// thread that shows pages (`npm run demo` took 5.7 s and 560 MB; 3.6-3.8 s and 340 MB without it).
// tsx's hooks handle only modules of their own namespace (none, when registered for the process):
// a module whose URL names another namespace is passed on untouched. Without tsx the query is an
// ordinary part of the module's URL; should tsx stop honouring it, the module still loads, slower.
import { pathToFileURL } from 'node:url';

export function nativeModuleUrl(file: string): string {
  return `${pathToFileURL(file).href}?tsx-namespace=folio-native`;
}
