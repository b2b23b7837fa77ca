// The help text of `folio research`, apart from the command so that `folio --help` need not load the
// research agent.
import { PRESETS } from '../../engine/providers/presets.js';

export const RESEARCH_HELP = `  folio research <sources...> --goal "..." --out <dir> [--provider offline|openai-compatible]
        [--preset ${Object.keys(PRESETS).join('|')}] [--base-url URL] [--model ID]
        [--api-key-env VAR] [--thinking|--no-thinking] [--timeout S] [--max-steps N] [--max-tokens N] [--network]
        [--search searxng|brave|tavily [--search-url URL]] [--quiet]
  folio research --resume <dir> [provider flags] [--max-steps N] [--max-tokens N]
      Researches the goal over the sources (PDFs or ingested folders) and writes <dir>/state.json
      (plan, notes with quotes, chosen figures/tables) and <dir>/trace.jsonl.
`;
