// Code listings (issue 23): which 'code' blocks read as code, and the whole-command excerpt a code
// slide shows. Lines from the survival and strucchange vignettes in ../shared/corpus.
import { describe, expect, it } from 'vitest';
import { codeExcerpt, looksLikeCode } from '../../engine/compose/code.js';

describe('code listings', () => {
  it('tells a listing from a line of prose the layout indented', () => {
    expect(looksLikeCode('> attr(pbc2, "tcount")')).toBe(true);
    expect(looksLikeCode('> library("strucchange")\n> data("USIncExp")')).toBe(true);
    expect(looksLikeCode(' The risk set: which subjects are present for each event; the set of those able to “win the')).toBe(false);
    expect(looksLikeCode('"ME" the moving estimates process is returned.')).toBe(false);
  });

  it('keeps whole commands: never one whose rest is on the next page, never past the line budget', () => {
    const split = '> set.seed(1953)  # a good year\n> nvisit <- floor(pmin(lung$time/30.5, 12))\n> plot(badfit, mark.time=FALSE, lty=1:2,';
    expect(codeExcerpt(split)).toBe('> set.seed(1953)  # a good year\n> nvisit <- floor(pmin(lung$time/30.5, 12))');
    const continued = '> fit <- coxph(Surv(time1, time2, status) ~ age + creatinine,\n              data=mydata)';
    expect(codeExcerpt(continued)).toBe(continued);
    // A bracket inside a string does not count.
    expect(codeExcerpt("> x <- c('(', 1)\n> y")).toBe("> x <- c('(', 1)\n> y");
    const long = Array.from({ length: 20 }, (_, i) => `> x${i} <- ${i}`).join('\n');
    expect(codeExcerpt(long, 5)!.split('\n')).toHaveLength(5);
    // Output stays with its command; a head of output alone is nothing to run.
    expect(codeExcerpt('> vfit\n\nCall:\ncoxph(formula = Surv(time, status) ~ trt)', 14)).toContain('Call:');
    expect(codeExcerpt('  0%  25%  50%\n  10   40   60')).toBeUndefined();
    // The rest of a command from the page before is dropped; unmapped glyphs mean no listing.
    expect(codeExcerpt('      xlab="Years", ylab="Survival")\n> legend(1.5, .85, "R")')).toBe('> legend(1.5, .85, "R")');
    expect(codeExcerpt("\uf0b7 idname = 'id'\n\uf0b7 tstartname = 'tstart'")).toBeUndefined();
    // A line too wide for the slide is not wrapped or cut: the listing stops before it.
    expect(codeExcerpt(`> a <- 1\n> ${'b'.repeat(100)}`, 14, 84)).toBe('> a <- 1');
  });
});
