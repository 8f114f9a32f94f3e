// The reading-progress bar at the top of an article: how far the article's text has been
// read. Decorative (aria-hidden): assistive technologies already tell the position.
let bar = null;
let target = null;  // the element whose reading is measured
let frame = 0;

function update() {
  frame = 0;
  if (!bar) return;
  let ratio = 0;
  if (target && target.isConnected) {
    const rect = target.getBoundingClientRect();
    const span = rect.height - window.innerHeight;
    ratio = span <= 0 ? (rect.top <= 0 ? 1 : 0) : Math.min(1, Math.max(0, -rect.top / span));
  }
  bar.firstElementChild.style.transform = `scaleX(${ratio})`;  // CSSOM: allowed by the CSP
}

function schedule() {
  if (!frame) frame = requestAnimationFrame(update);
}

export function initProgress() {
  if (bar) return;
  bar = document.createElement('div');
  bar.className = 'reading-progress';
  bar.setAttribute('aria-hidden', 'true');
  bar.hidden = true;
  bar.append(document.createElement('div'));
  document.body.prepend(bar);
  window.addEventListener('scroll', schedule, { passive: true });
  window.addEventListener('resize', schedule, { passive: true });
}

// Shown on article views, measured over `element` (the article); hidden elsewhere.
export function trackProgress(element) {
  if (!bar) initProgress();
  target = element || null;
  bar.hidden = !target;
  update();
}
