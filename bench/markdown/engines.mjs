// The Markdown engines of the benchmark, each called the way its documentation tells a user
// to: a JS string in, an HTML string out (encoding and decoding included). Every engine is
// set to the same dialect as far as it allows: CommonMark + GitHub tables, strikethrough,
// task lists and autolinks, raw HTML off.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { pkgFile, pkgVersion } from '../lib/pkg.mjs';

export const ENGINES = ['carnet', 'markdown-wasm', 'md4w', 'marked', 'markdown-it'];

// md4c's flags for GitHub's dialect without raw HTML (MD_DIALECT_GITHUB | MD_FLAG_NOHTML);
// markdown-wasm and md4w take md4c's values. Carnet parses raw HTML (MD_DIALECT_GITHUB), to
// drop HTML comments, and writes the rest as text: the same output, a little more parsing.
export const MD4C_GITHUB_NOHTML = 0x0004 | 0x0008 | 0x0400 | 0x0100 | 0x0200 | 0x0800 | 0x0020 | 0x0040;

export const INFO = {
  carnet: {
    label: 'Carnet (wasm)',
    config: '`new module.Markdown().render(text)` of the built module (`carnet-core.js` + `carnet-core.wasm`): ' +
      'md4c 0.5.3 parser with Carnet\'s speed patch (GitHub dialect, raw HTML escaped) and Carnet\'s own HTML renderer, which also filters ' +
      'link and image URLs, gives every heading an `id`, marks external links `rel="noopener noreferrer"` and ' +
      'images `loading="lazy"`; the text is encoded into wasm memory and the HTML decoded from it.',
  },
  'markdown-wasm': {
    label: 'markdown-wasm',
    config: '`parse(text, {parseFlags})` (md4c in wasm, npm) with md4c\'s GitHub flags and raw HTML off ' +
      '(`javascript:` links dropped by default).',
  },
  md4w: {
    label: 'md4w',
    config: '`mdToHtml(text, {parseFlags})` (md4c in wasm, Zig, npm) with md4c\'s GitHub flags and raw HTML off; ' +
      '`init(\'fast\')` in Node and Chromium alike: the faster of its two builds (`md4w-fast.wasm`, 883 KB); ' +
      '"code loaded" lists its default build for browsers, `md4w-small.wasm` (60 KB), the smaller figure.',
  },
  marked: {
    label: 'marked',
    config: '`marked.parse(text)` with its defaults (GFM on: tables, strikethrough, task lists, autolinks); ' +
      'marked cannot escape raw HTML (the article set holds none outside code).',
  },
  'markdown-it': {
    label: 'markdown-it',
    config: '`markdownit({linkify: true}).render(text)` (raw HTML off by default, tables and strikethrough ' +
      'built in; no task lists without a plugin).',
  },
};

// Each engine: {id, version, render(text) -> html, codeFiles: files a browser would load}.
export async function loadEngine(id, { app }) {
  switch (id) {
    case 'carnet': {
      const { default: createCarnet } = await import(pathToFileURL(path.join(app, 'carnet-core.js')).href);
      // The glue targets browsers; in Node it gets the wasm bytes (TOOLCHAIN.md).
      const module = await createCarnet({ wasmBinary: fs.readFileSync(path.join(app, 'carnet-core.wasm')) });
      const md = new module.Markdown();
      return {
        id, version: 'working tree', render: (text) => md.render(text),
        codeFiles: [path.join(app, 'carnet-core.js'), path.join(app, 'carnet-core.wasm')],
      };
    }
    case 'markdown-wasm': {
      const { default: mdw } = await import('markdown-wasm');
      await mdw.ready;
      const options = { parseFlags: MD4C_GITHUB_NOHTML };
      return {
        id, version: pkgVersion(id), render: (text) => mdw.parse(text, options),
        codeFiles: [pkgFile(id, 'dist/markdown.es.js'), pkgFile(id, 'dist/markdown.wasm')],
      };
    }
    case 'md4w': {
      const md4w = await import('md4w');
      await md4w.init('fast');
      const options = { parseFlags: MD4C_GITHUB_NOHTML };
      return {
        id, version: pkgVersion(id), render: (text) => md4w.mdToHtml(text, options),
        codeFiles: [pkgFile(id, 'js/index.js'), pkgFile(id, 'js/md4w.js'), pkgFile(id, 'js/md4w-small.wasm')],
      };
    }
    case 'marked': {
      const { marked } = await import('marked');
      return {
        id, version: pkgVersion(id), render: (text) => marked.parse(text),
        codeFiles: [pkgFile(id, 'lib/marked.esm.js')],
      };
    }
    case 'markdown-it': {
      const { default: markdownit } = await import('markdown-it');
      const md = markdownit({ linkify: true });
      return {
        id, version: pkgVersion(id), render: (text) => md.render(text),
        codeFiles: [pkgFile(id, 'dist/browser/markdown-it.esm.min.mjs')],
      };
    }
    default:
      throw new Error(`unknown engine '${id}' (known: ${ENGINES.join(', ')})`);
  }
}
