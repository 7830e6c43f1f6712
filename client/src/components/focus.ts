// Where keyboard focus goes when the page changes under it: dialogs (Dialog.tsx) and route changes (Layout.tsx).

const FOCUSABLE = 'a[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable="true"]';

/** The elements Tab stops at inside `root`, in order: enabled, shown, not tabIndex -1; one per radio group. */
export function tabStops(root: HTMLElement): HTMLElement[] {
  const stops: HTMLElement[] = [];
  for (const element of root.querySelectorAll<HTMLElement>(FOCUSABLE)) {
    if (element.tabIndex < 0 || element.matches(':disabled') || !element.checkVisibility()) continue;
    if (element instanceof HTMLInputElement && element.type === 'radio' && stops.some((stop) => sameStop(stop, element))) {
      // A radio group is one stop: its checked radio when it has one.
      if (element.checked) stops[stops.findIndex((stop) => sameStop(stop, element))] = element;
      continue;
    }
    stops.push(element);
  }
  return stops;
}

/** The same Tab stop: the same element, or radios of one group (Tab leaves the group, arrows move in it). */
export function sameStop(a: Element, b: Element): boolean {
  if (a === b) return true;
  return (
    a instanceof HTMLInputElement &&
    b instanceof HTMLInputElement &&
    a.type === 'radio' &&
    b.type === 'radio' &&
    a.name !== '' &&
    a.name === b.name &&
    a.form === b.form
  );
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
