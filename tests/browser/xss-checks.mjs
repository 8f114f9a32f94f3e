// Reusable XSS checks for anything Carnet puts in a browser: viewer routes, static pages
// (JS on or off) and <carnet-blog> embeds inside a host page. Hostile content must never run
// script, load from elsewhere, or leave an active attribute or element in the DOM, and the
// text around each payload must stay visible.
//
//   const watch = watchPage(page, origin);      // before the first goto
//   await page.goto(url);
//   const problems = [...watch.problems, ...await checkPage(page, { markers })];
//   assert.deepEqual(problems, []);

// The URL schemes content may use (wasm/core/markdown.cpp's safe_url allowlist), plus
// `about:` for about:blank. data: is judged apart: raster images only.
const SAFE_PROTOCOLS = ['http:', 'https:', 'mailto:', 'tel:', 'ftp:', 'ftps:', 'sftp:', 'irc:', 'ircs:', 'xmpp:',
  'sms:', 'geo:', 'webcal:', 'magnet:', 'about:'];
const RASTER_DATA = /^data:image\/(png|jpeg|gif|webp|avif)[;,]/i;

// Requests the page may make besides its own origin: raster data: images.
function allowedRequest(url, origin) {
  return url.startsWith(`${origin}/`) || url === origin || RASTER_DATA.test(url);
}

// Records every sign that content ran or reached out: dialogs, page errors, console errors
// (CSP violations land there too), requests off `origin`, popups and navigations away.
// `problems` grows as they happen; read it after checkPage.
export function watchPage(page, origin) {
  const problems = [];
  page.on('dialog', (d) => { problems.push(`dialog (${d.type()}): ${d.message()}`); d.dismiss().catch(() => {}); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // "Failed to load resource" says no more than the response below, which names the URL.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console error: ${m.text()}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on('request', (r) => { if (!allowedRequest(r.url(), origin)) problems.push(`request off origin: ${r.url()}`); });
  page.on('popup', (p) => problems.push(`popup: ${p.url()}`));
  page.on('framenavigated', (f) => {
    const u = f.url();
    if (u && u !== 'about:blank' && !u.startsWith(`${origin}/`)) problems.push(`navigated away: ${u}`);
  });
  return { problems };
}

// Runs in the page: walks the document and every open shadow root. Returns the problems
// found and the visible text (document and shadow roots).
function scanDom({ safeProtocols, rasterData }) {
  const raster = new RegExp(rasterData, 'i');
  const problems = [];
  const texts = [];
  const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'srcset', 'imagesrcset', 'poster',
    'data', 'background', 'cite', 'ping', 'codebase', 'longdesc', 'lowsrc', 'dynsrc', 'manifest', 'icon']);
  const FORBIDDEN = new Set(['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal']);
  const describe = (el) => {
    const attrs = [...el.attributes].slice(0, 4).map((a) => `${a.name}="${a.value.slice(0, 60)}"`).join(' ');
    return `<${el.localName}${attrs ? ` ${attrs}` : ''}>`;
  };
  const checkUrl = (el, name, raw) => {
    // What browsers ignore: leading/trailing C0 controls and spaces, tabs and newlines anywhere.
    const value = raw.replace(/[\t\n\r]/g, '').replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '');
    if (value === '') return;
    let protocol;
    try {
      protocol = new URL(value, el.baseURI).protocol;
    } catch {
      return;  // unparsable: the browser will not follow it either
    }
    if (protocol === 'data:' && el.localName === 'img' && (name === 'src' || name === 'srcset') && raster.test(value)) return;
    if (!safeProtocols.includes(protocol)) problems.push(`${protocol} URL in ${name}: ${describe(el)}`);
  };
  const walk = (root) => {
    // Content must not clobber the app's elements: an id twice in one tree means getElementById
    // may return content's element instead of the app's.
    const ids = new Set();
    for (const el of root.querySelectorAll('[id]')) {
      if (ids.has(el.id)) problems.push(`duplicate id "${el.id}": ${describe(el)}`);
      ids.add(el.id);
    }
    for (const el of root.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on')) problems.push(`event handler attribute ${name}: ${describe(el)}`);
        if (URL_ATTRS.has(name) || name.endsWith(':href')) {
          if (name.endsWith('srcset')) for (const part of attr.value.split(',')) checkUrl(el, name, part.trim().split(/\s+/)[0]);
          else checkUrl(el, name, attr.value);
        }
      }
      const tag = el.localName;
      // The shell's own <base href> (the site root, first thing in <head> of every built page)
      // is the one allowed: content never reaches <head>.
      const shellBase = tag === 'base' && root === document && el.parentNode === document.head
        && el === document.head.firstElementChild;
      if (FORBIDDEN.has(tag) && !shellBase) problems.push(`forbidden element: ${describe(el)}`);
      // Scripts: only the app's own files (same origin) or inert data blocks.
      if (tag === 'script') {
        const type = (el.getAttribute('type') || '').toLowerCase();
        const inert = type === 'application/json' || type === 'application/ld+json';
        const own = el.src && new URL(el.src).origin === location.origin && el.textContent.trim() === '';
        if (!inert && !own) problems.push(`script element: ${describe(el)} ${el.textContent.slice(0, 80)}`);
        if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') problems.push(`foreign script element: ${describe(el)}`);
      }
      if (tag === 'meta' && el.hasAttribute('http-equiv')) {
        const equiv = el.getAttribute('http-equiv').toLowerCase();
        if (equiv !== 'content-security-policy' || el.closest('body')) problems.push(`meta http-equiv: ${describe(el)}`);
      }
      // Style and stylesheet links may come from the app (head, shadow roots), never from
      // content inside <body> of the document. (Only HTML's: a feed's Atom or RSS <link> is data.)
      if ((tag === 'style' || tag === 'link') && el.namespaceURI === 'http://www.w3.org/1999/xhtml' && root === document &&
          el.closest('body') && !el.getRootNode().host) {
        problems.push(`${tag} element in the body: ${describe(el)}`);
      }
      if (el.shadowRoot) {
        walk(el.shadowRoot);
        texts.push(...[...el.shadowRoot.children].map((c) => c.innerText || ''));
      }
    }
  };
  walk(document);
  texts.unshift(document.body ? document.body.innerText : '');
  return { problems, text: texts.join('\n') };
}

// Checks the DOM of `page` (every frame's `window.__pwned` too) and that every marker of
// `markers` is visible. Returns a list of problems (empty: all good).
export async function checkPage(page, { markers = [], label = page.url() } = {}) {
  const problems = [];
  for (const frame of page.frames()) {
    const pwned = await frame.evaluate(() => window.__pwned).catch(() => undefined);
    if (pwned !== undefined) problems.push(`script ran: window.__pwned = ${JSON.stringify(pwned)} in ${frame.url()}`);
  }
  const scan = await page.evaluate(scanDom, { safeProtocols: SAFE_PROTOCOLS, rasterData: RASTER_DATA.source });
  problems.push(...scan.problems);
  for (const m of markers) if (!hasWord(scan.text, m)) problems.push(`marker not visible: ${m}`);
  return problems.map((p) => `${label}: ${p}`);
}

// The visible text of the page (document and open shadow roots), for further assertions.
export async function visibleText(page) {
  return (await page.evaluate(scanDom, { safeProtocols: SAFE_PROTOCOLS, rasterData: RASTER_DATA.source })).text;
}

// `marker` as a whole word: BEFORE-script must not be found inside BEFORE-script-block.
export function hasWord(text, marker) {
  return new RegExp(`(?:^|[^A-Za-z0-9-])${marker}(?![A-Za-z0-9-])`).test(text);
}

// BEFORE-x / AFTER-x markers in `text` (a corpus file or a part of it).
export function markersIn(text) {
  return [...new Set(text.match(/\b(?:BEFORE|AFTER)-[a-z0-9-]*[a-z0-9]/g) || [])];
}
