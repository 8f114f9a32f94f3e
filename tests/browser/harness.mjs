// Shared browser-test plumbing: a real static server on 127.0.0.1 (Python's http.server,
// the kind of plain host Carnet promises to work on) and Debian's headless Chromium.
import { spawn } from 'node:child_process';

export const chromiumPath = process.env.CARNET_CHROMIUM || '/usr/bin/chromium';

export function launchOptions() {
  return {
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  };
}

// http.server plus `Access-Control-Allow-Origin: *` on every response: a site other origins
// may embed (docs/embedding.md).
const CORS_SERVER = `
import functools, http.server, sys
class Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header('Access-Control-Allow-Origin', '*')
        super().end_headers()
server = http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), functools.partial(Handler, directory=sys.argv[2]))
print('Serving HTTP with CORS on port', server.server_address[1])
server.serve_forever()
`;

// Serves `dir` on `port` (default: a free one); resolves to {origin, port, close()}.
// `cors: true` adds the CORS header.
export function startServer(dir, port = 0, { cors = false } = {}) {
  return new Promise((resolve, reject) => {
    const args = cors ? ['-u', '-c', CORS_SERVER, String(port), dir]
      : ['-u', '-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir];
    const proc = spawn('python3', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`static server did not start: ${out}`)), 60000);  // generous: Python starts slowly on a loaded machine
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/port (\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({
          origin: `http://127.0.0.1:${m[1]}`,
          port: Number(m[1]),
          close: () => new Promise((done) => { proc.once('exit', done); proc.kill(); }),
        });
      }
    });
    proc.stderr.on('data', () => {});  // request log
    proc.on('error', reject);
  });
}

// A page of `browser` that records console errors, page errors, dialogs and every request;
// closed when test `t` ends.
export async function openPage(browser, t, viewport = { width: 1100, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const problems = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  page.on('request', (r) => requests.push(r.url()));
  t.after(() => page.close());
  return { page, problems, requests };
}
