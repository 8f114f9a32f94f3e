// When the site is shown in an <iframe>, it tells the parent page its height (so the frame
// can fit its content, no inner scrollbar) and each navigation. Messages, posted to the
// parent with targetOrigin '*' (they carry nothing private; the parent checks event.origin):
//   {type: 'carnet:resize', height: <CSS pixels, integer>}
//   {type: 'carnet:navigate', route: '#/post/x', title, kind, lang, first}
// See docs/embedding.md for the host snippet.
export const framed = window.parent !== window;

function post(message) {
  window.parent.postMessage(message, '*');
}

export function reportHeightToParent() {
  if (!framed) return;
  let last = -1;
  const measure = () => {
    // <html>'s box is its content (not the viewport): the frame can grow and shrink.
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    post({ type: 'carnet:resize', height });
  };
  new ResizeObserver(measure).observe(document.documentElement);
  measure();
}

export function reportNavigationToParent(detail) {
  if (framed) post({ type: 'carnet:navigate', ...detail });
}
