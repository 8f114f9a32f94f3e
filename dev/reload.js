// Dev only: served by `./carnet serve` (dev/serve.py), never part of a build. Reloads the
// page when the site was rebuilt, and shows the build's errors over the page.
const events = new EventSource('/__carnet/events');
let seen = null;

function showErrors(log) {
  let box = document.getElementById('carnet-dev-errors');
  if (!box) {
    box = document.createElement('pre');
    box.id = 'carnet-dev-errors';
    box.setAttribute('role', 'alert');
    // CSSOM, not a style attribute: allowed by the site's CSP.
    Object.assign(box.style, {
      position: 'fixed', left: '0', right: '0', bottom: '0', maxHeight: '45vh', overflow: 'auto', margin: '0',
      padding: '1rem', background: '#2b0b0e', color: '#ffdcdc', font: '13px/1.45 monospace', zIndex: '1000',
      whiteSpace: 'pre-wrap', borderTop: '3px solid #ff6b6b',
    });
    document.body.append(box);
  }
  box.textContent = `./carnet serve: the last build had errors\n\n${log}`;
}

events.addEventListener('build', (event) => {
  const build = JSON.parse(event.data);
  if (seen !== null && build.version !== seen) {
    location.reload();
    return;
  }
  seen = build.version;
  if (!build.ok) showErrors(build.log);
});
