// A "copy link" button after each heading of an article: keyboard-operable, labelled, and
// its result announced. Progressive: without the button the heading ids still work.

async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain-http hosts have no Clipboard API: the old selection-based copy still works there.
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}

// `root`: the article body (or a fragment of it); `view`: its view model; `permalink(route)`: the absolute URL of
// a route; `announce(text)`: the live region.
export function addCopyLinks(root, view, permalink, announce) {
  if (!root || view.kind !== 'article') return;
  const { strings } = view;
  for (const heading of root.querySelectorAll('h2[id], h3[id], h4[id]')) {
    // The heading's route, as the core writes it: "#/post/<slug>#<id>" (router.hpp).
    const href = `${view.route}#${heading.id}`;
    const parent = heading.parentNode;
    if (parent.classList && parent.classList.contains('heading-anchor')) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-link';
    const colon = view.ui_lang === 'fr' ? '\u00A0: ' : ': ';
    button.setAttribute('aria-label', strings.copy_link + colon + heading.textContent);
    const icon = document.createElement('span');
    icon.setAttribute('aria-hidden', 'true');
    icon.textContent = '#';
    button.append(icon);
    button.addEventListener('click', async () => {
      const url = permalink(href);
      try {
        await copyText(url);
        button.classList.add('copied');
        setTimeout(() => button.classList.remove('copied'), 1500);
        announce(strings.link_copied);
      } catch {
        announce(strings.link_copy_failed);
      }
    });
    // The button sits next to the heading, not inside it, so the heading's name stays its text.
    const wrap = document.createElement('div');
    wrap.className = 'heading-anchor';
    heading.replaceWith(wrap);
    wrap.append(heading, button);
  }
}
