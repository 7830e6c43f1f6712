// Where keyboard focus goes when the page changes under it: dialogs (Dialog.tsx) and route changes (Layout.tsx).

import { tabbable } from 'tabbable';

/** The elements Tab stops at inside `root`, in order (the `tabbable` library: shown, enabled, one per radio group). */
export function tabStops(root: HTMLElement): HTMLElement[] {
  return tabbable(root, { displayCheck: 'full' }) as HTMLElement[];
}

/** Focuses the element marked `data-autofocus` in `root`, else its first Tab stop, else `root` itself. */
export function focusFirst(root: HTMLElement): void {
  const target = root.querySelector<HTMLElement>('[data-autofocus]') ?? tabStops(root)[0] ?? root;
  target.focus();
}

/** The main heading of the page shown (made focusable from script only), else the main landmark. */
export function pageHeading(): HTMLElement | null {
  const main = document.querySelector<HTMLElement>('main');
  const heading = main?.querySelector<HTMLElement>('h1');
  if (heading) {
    heading.tabIndex = -1;
    return heading;
  }
  return main;
}

/**
 * Keeps `document.title` naming the page after its main heading while `main` changes; with `focus`, moves focus to that
 * heading as soon as it is rendered (a page may load first), to `main` meanwhile. Returns the function that stops.
 */
export function followPageHeading(main: HTMLElement, { focus }: { focus: boolean }): () => void {
  let focusPending = focus;
  let first = true;
  function update() {
    const name = main.querySelector('h1')?.textContent?.trim();
    document.title = name ? `${name} · Keyward` : 'Keyward';
    if (!focusPending) return;
    // Someone moved on (typed, opened a dialog) while the page loaded: leave focus where they put it.
    const active = document.activeElement;
    if (!first && active !== main && active !== document.body) {
      focusPending = false;
      return;
    }
    first = false;
    const target = pageHeading();
    target?.focus({ preventScroll: true });
    if (target !== main) focusPending = false;
  }
  update();
  const observer = new MutationObserver(update);
  observer.observe(main, { childList: true, subtree: true, characterData: true });
  return () => observer.disconnect();
}
