// Question Markdown → safe HTML: markdown-it without raw HTML, math by KaTeX without trust.
import MarkdownIt from 'markdown-it';
import katex from 'katex';

type Parser = InstanceType<typeof MarkdownIt>;
type InlineRule = Parameters<Parser['inline']['ruler']['push']>[1];
type StateInline = Parameters<InlineRule>[0];
import { mathExpandMax, mathSizeMaxEm } from './bounds.ts';


/** Renders a Markdown block (the question text) to HTML that carries no author script. */
export function renderMarkdown(text: string): string {
  return md.render(text);
}

/** Renders one line of Markdown (labels, options, hints) without a wrapping paragraph. */
export function renderInline(text: string): string {
  return md.renderInline(text);
}

export function renderMath(tex: string, displayMode: boolean): string {
  return katex.renderToString(tex, {
    displayMode, throwOnError: false, trust: false, strict: 'ignore',
    maxSize: mathSizeMaxEm, maxExpand: mathExpandMax, output: 'htmlAndMathml',
  });
}

/** `$...$` inline and `$$...$$` display math. A `$` before a space or digit-after-close is money, not math. */
const mathPlugin = (parser: Parser): void => {
  parser.inline.ruler.after('escape', 'math', mathRule);
  parser.renderer.rules.math_inline = (tokens, i) => renderMath(tokens[i]!.content, false);
  parser.renderer.rules.math_display = (tokens, i) => renderMath(tokens[i]!.content, true);
};

const md = new MarkdownIt({ html: false, linkify: false, typographer: false }).use(mathPlugin);

function mathRule(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (src[pos] !== '$') return false;
  const display = src[pos + 1] === '$';
  const open = display ? 2 : 1;
  const end = closingDollar(src, pos + open, display);
  if (end < 0) return false;
  const content = src.slice(pos + open, end);
  if (!display && (/^\s/.test(content) || /\s$/.test(content) || /\d/.test(src[end + 1] ?? ''))) return false;
  if (!silent) {
    const token = state.push(display ? 'math_display' : 'math_inline', 'math', 0);
    token.content = content;
    token.markup = display ? '$$' : '$';
  }
  state.pos = end + open;
  return true;
}

function closingDollar(src: string, from: number, display: boolean): number {
  for (let i = from; i < src.length; i++) {
    if (src[i] === '\\') { i++; continue; }
    if (src[i] !== '$') continue;
    if (!display) return i > from ? i : -1;
    if (src[i + 1] === '$') return i > from ? i : -1;
  }
  return -1;
}
