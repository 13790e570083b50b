type Child = Node | string | number | null | undefined | false;

/** An element with attributes (`on…` ones as listeners) and children: the whole of the console's view layer. */
export function h(tag: string, attributes: Record<string, unknown> = {}, ...children: (Child | Child[])[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value as EventListener);
    else element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export const status = (value: string) => h('span', { class: `status status-${value}`, 'data-status': value }, value);

export function table(columns: string[], rows: Child[][], attributes: Record<string, unknown> = {}): HTMLElement {
  return h('table', attributes, h('thead', {}, h('tr', {}, columns.map((c) => h('th', {}, c)))), h('tbody', {}, rows.map((r) => h('tr', {}, r.map((cell) => h('td', {}, cell))))));
}

export const json = (value: unknown) => h('pre', {}, JSON.stringify(value, null, 2));

export function ago(iso: string | undefined): string {
  if (!iso) return '';
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  return s < 60 ? `${s}s ago` : s < 3600 ? `${Math.floor(s / 60)}m ago` : `${Math.floor(s / 3600)}h ago`;
}
