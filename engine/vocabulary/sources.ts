// Source kinds: what Folio reads (issue 25: the list was written out seven times). Zod only: the
// contract and the renderer import it too. Telling a file's kind from its bytes is engine/ingest/kind.ts.
import { z } from 'zod';

/** What a source file is read as. */
export const SOURCE_KINDS = ['pdf', 'image', 'html'] as const;
export const SourceKind = z.enum(SOURCE_KINDS);
export type SourceKind = z.infer<typeof SourceKind>;

/** What a source was added as: a file of one of the kinds above, or a web address (read as html). */
export const INPUT_KINDS = [...SOURCE_KINDS, 'url'] as const;
export const InputKind = z.enum(INPUT_KINDS);
export type InputKind = z.infer<typeof InputKind>;
