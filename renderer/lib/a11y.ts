// Keyboard patterns from WAI-ARIA APG: a modal dialog keeps focus inside itself while open and gives
// it back to what had it when it closes; a composite list (thumbnails, cards) is one Tab stop, with
// the arrow keys, Home and End moving between its items (roving tabindex).
import { useEffect, useLayoutEffect, type KeyboardEvent, type RefObject } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), iframe, [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[hidden], [inert]') && el.getClientRects().length > 0);
}

/**
 * A modal dialog's focus: on open, focus `initial` (else the first focusable element) and remember
 * what had focus; Tab and Shift+Tab wrap inside the dialog; on close, focus goes back.
 */
export function useDialogFocus(dialog: RefObject<HTMLElement | null>, open: boolean, initial?: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    if (!open) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = dialog.current;
    if (root && !root.contains(document.activeElement)) (initial?.current ?? focusables(root)[0] ?? root).focus();
    const onKey = (e: globalThis.KeyboardEvent): void => {
      if (e.key !== 'Tab' || !dialog.current) return;
      const items = focusables(dialog.current);
      const first = items[0];
      const last = items.at(-1);
      if (!first || !last) {
        e.preventDefault();
        return;
      }
      const active = document.activeElement;
      if (e.shiftKey && (active === first || !dialog.current.contains(active))) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (active === last || !dialog.current.contains(active))) {
        e.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      // Back to where the person was, if that is still on the page.
      if (before?.isConnected) before.focus();
    };
  }, [dialog, open, initial]);
}

const NEXT: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/**
 * Roving tabindex over the items matching `selector` inside a container: give the container
 * onKeyDown={rovingKeys(selector)} and call useRovingTabIndex; exactly one item is tabbable (the
 * last focused, else the first), arrows/Home/End move focus.
 */
export function rovingKeys(selector: string) {
  return (e: KeyboardEvent<HTMLElement>): void => {
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>(selector)];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (at < 0) return;
    let to: number | null = null;
    if (e.key in NEXT) to = Math.min(items.length - 1, Math.max(0, at + (NEXT[e.key] ?? 0)));
    else if (e.key === 'Home') to = 0;
    else if (e.key === 'End') to = items.length - 1;
    if (to === null) return;
    e.preventDefault();
    for (const [i, el] of items.entries()) el.tabIndex = i === to ? 0 : -1;
    items[to]?.focus();
  };
}

/** Keeps exactly one item tabbable after every render (new items arrive with tabindex -1). */
export function useRovingTabIndex(container: RefObject<HTMLElement | null>, selector: string): void {
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const items = [...root.querySelectorAll<HTMLElement>(selector)];
    const current = items.find((el) => el.tabIndex === 0 && el.dataset.roving === '1') ?? items[0];
    for (const el of items) {
      el.dataset.roving = '1';
      el.tabIndex = el === current ? 0 : -1;
    }
  });
}
