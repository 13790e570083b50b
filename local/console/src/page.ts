/** A page draws itself into `root` and may refresh itself; the function it returns stops that. */
export type Page = (root: HTMLElement, params: string[]) => () => void;

/**
 * Redraws every `intervalMs` while the page is shown: what "live" means here, on the same JSON API
 * as everything else. A failed refresh shows its error and tries again.
 */
export function live(root: HTMLElement, draw: () => Promise<Node>, intervalMs = 1000): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    try {
      const view = await draw();
      if (!stopped) root.replaceChildren(view);
    } catch (error) {
      if (!stopped) root.replaceChildren(Object.assign(document.createElement('p'), { className: 'error', textContent: String((error as Error).message) }));
    }
    if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
  };
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
