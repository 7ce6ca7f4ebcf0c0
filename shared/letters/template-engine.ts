/**
 * A small, strict template engine for letters. Templates are TypeScript modules that export text (so
 * esbuild bundles them; nothing is read from disk at run time), written in a tiny markup:
 *
 * - `{{path.to.value}}` inserts a value; a missing value is an error, never an empty string.
 * - `{{#name}}...{{/name}}` repeats for each item of a list, or renders once when the value is truthy;
 *   `{{^name}}...{{/name}}` renders when the value is falsy or an empty list. A tag alone on its line
 *   takes its line break with it.
 * - Blocks are separated by blank lines. A block whose lines all start with `- ` is a list; one whose
 *   lines all start with `| ` is a table (cells split on `|`, so a value must not contain one; first row the header, last column
 *   right-aligned); any other block is a paragraph whose lines are kept (addresses). `**text**` is bold.
 *
 * The same expanded markup gives the HTML and the plain-text rendering, so both say the same thing.
 */

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

export type TemplateValue = string | number | boolean | null | undefined | TemplateView | TemplateView[];
export interface TemplateView {
  [key: string]: TemplateValue;
}

type Node =
  | { type: 'text'; text: string }
  | { type: 'var'; path: string }
  | { type: 'section'; inverted: boolean; name: string; children: Node[] };

const TAG = /\{\{([#^/]?)\s*([\w.]+)\s*\}\}/g;

function parse(template: string): Node[] {
  // A section tag alone on its line swallows that line's indentation and line break.
  const source = template.replace(/^[ \t]*(\{\{[#^/][\w.]+\}\})[ \t]*\n/gm, '$1');
  const root: Node[] = [];
  const stack: { name: string; children: Node[] }[] = [{ name: '', children: root }];
  let last = 0;
  for (const m of source.matchAll(TAG)) {
    const top = stack[stack.length - 1] as { name: string; children: Node[] };
    if (m.index > last) top.children.push({ type: 'text', text: source.slice(last, m.index) });
    last = m.index + m[0].length;
    const [, sigil, name] = m as unknown as [string, string, string];
    if (sigil === '#' || sigil === '^') {
      const section: Node = { type: 'section', inverted: sigil === '^', name, children: [] };
      top.children.push(section);
      stack.push({ name, children: section.children });
    } else if (sigil === '/') {
      if (top.name !== name) throw new TemplateError(`closing {{/${name}}} does not match {{#${top.name}}}`);
      stack.pop();
    } else {
      top.children.push({ type: 'var', path: name });
    }
  }
  if (stack.length > 1)
    throw new TemplateError(`section {{#${stack[stack.length - 1]?.name}}} is not closed`);
  if (last < source.length) root.push({ type: 'text', text: source.slice(last) });
  return root;
}

function lookup(path: string, scopes: TemplateView[]): TemplateValue {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  for (let i = scopes.length - 1; i >= 0; i--) {
    const scope = scopes[i] as TemplateView;
    if (!Object.hasOwn(scope, head)) continue;
    let value: TemplateValue = scope[head];
    for (const key of rest) {
      if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, key)) {
        return undefined;
      }
      value = value[key];
    }
    return value;
  }
  return undefined;
}

function expandNodes(nodes: Node[], scopes: TemplateView[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.text;
    else if (node.type === 'var') {
      const value = lookup(node.path, scopes);
      if (typeof value === 'string' || typeof value === 'number') out += String(value);
      else throw new TemplateError(`template value {{${node.path}}} is missing or not text`);
    } else {
      const value = lookup(node.name, scopes);
      const items = Array.isArray(value) ? value : value ? [value] : [];
      if (node.inverted) {
        if (items.length === 0) out += expandNodes(node.children, scopes);
      } else {
        for (const item of items) {
          const scope = item !== null && typeof item === 'object' && !Array.isArray(item) ? item : {};
          out += expandNodes(node.children, [...scopes, scope]);
        }
      }
    }
  }
  return out;
}

/** Expands placeholders and sections; the result is still markup. */
export function expandTemplate(template: string, view: TemplateView): string {
  return expandNodes(parse(template), [view]);
}

type Block =
  | { type: 'paragraph'; lines: string[] }
  | { type: 'list'; items: string[] }
  | { type: 'table'; rows: string[][] };

function blocks(markup: string): Block[] {
  return markup
    .replace(/\r\n/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((chunk) =>
      chunk
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    )
    .filter((lines) => lines.length > 0)
    .map((lines): Block => {
      if (lines.every((l) => l.startsWith('- ')))
        return { type: 'list', items: lines.map((l) => l.slice(2)) };
      if (lines.every((l) => l.startsWith('| '))) {
        return { type: 'table', rows: lines.map((l) => l.slice(2).split(/\s*\|\s*/)) };
      }
      return { type: 'paragraph', lines };
    });
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function inlineHtml(text: string): string {
  return escapeHtml(text).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
}

function inlineText(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/g, '$1');
}

/** Markup to the body of an HTML document. */
export function markupToHtml(markup: string): string {
  return blocks(markup)
    .map((b) => {
      if (b.type === 'paragraph') return `<p>${b.lines.map(inlineHtml).join('<br>\n')}</p>`;
      if (b.type === 'list')
        return `<ul>\n${b.items.map((i) => `<li>${inlineHtml(i)}</li>`).join('\n')}\n</ul>`;
      const [header = [], ...rows] = b.rows;
      const cells = (row: string[], tag: 'th' | 'td') =>
        row
          .map((c, i) => {
            const align = i === row.length - 1 && row.length > 1 ? ' class="amount"' : '';
            return `<${tag}${align}>${inlineHtml(c)}</${tag}>`;
          })
          .join('');
      return [
        '<table>',
        `<thead><tr>${cells(header, 'th')}</tr></thead>`,
        `<tbody>\n${rows.map((r) => `<tr>${cells(r, 'td')}</tr>`).join('\n')}\n</tbody>`,
        '</table>',
      ].join('\n');
    })
    .join('\n');
}

/** Markup to plain text: paragraphs keep their lines, tables are padded into columns. */
export function markupToText(markup: string): string {
  return `${blocks(markup)
    .map((b) => {
      if (b.type === 'paragraph') return b.lines.map(inlineText).join('\n');
      if (b.type === 'list') return b.items.map((i) => `- ${inlineText(i)}`).join('\n');
      const width = Math.max(...b.rows.map((r) => r.length));
      const rows = b.rows.map((r) => Array.from({ length: width }, (_, i) => inlineText(r[i] ?? '')));
      const widths = Array.from({ length: width }, (_, i) =>
        Math.max(...rows.map((r) => (r[i] as string).length)),
      );
      return rows
        .map((r) =>
          r
            .map((c, i) =>
              i === width - 1 && width > 1 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0),
            )
            .join('  ')
            .trimEnd(),
        )
        .join('\n');
    })
    .join('\n\n')}\n`;
}
