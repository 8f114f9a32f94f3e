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

// Python's http.server, a plain file server without rewrite rules. Options: `cors` adds
// `Access-Control-Allow-Origin: *` to every response (a site other origins may embed,
// docs/embedding.md); `notFound` answers an address that has no file with the nearest
// 404.html above it, status 404, as GitHub Pages, GitLab Pages or Netlify do.
const SERVER = `
import functools, http.server, os, posixpath, sys, urllib.parse
port, root, cors, not_found = int(sys.argv[1]), sys.argv[2], sys.argv[3] == '1', sys.argv[4] == '1'
class Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        if cors:
            self.send_header('Access-Control-Allow-Origin', '*')
        super().end_headers()
    def page_404(self):
        path = posixpath.normpath(urllib.parse.unquote(urllib.parse.urlsplit(self.path).path))
        while True:
            file = os.path.join(root, path.lstrip('/'), '404.html')
            if os.path.isfile(file):
                return file
            if path in ('/', ''):
                return None
            path = posixpath.dirname(path)
    def send_error(self, code, message=None, explain=None):
        file = self.page_404() if not_found and code == 404 and self.command in ('GET', 'HEAD') else None
        if not file:
            return super().send_error(code, message, explain)
        with open(file, 'rb') as f:
            body = f.read()
        self.log_error('code %d, message %s', code, message)
        self.send_response(code, message)
        self.send_header('Content-Type', 'text/html; charset=utf-8')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        if self.command == 'GET':
            self.wfile.write(body)
server = http.server.ThreadingHTTPServer(('127.0.0.1', port), functools.partial(Handler, directory=root))
print('Serving HTTP on port', server.server_address[1])
server.serve_forever()
`;

// Serves `dir` on `port` (default: a free one); resolves to {origin, port, close(), log}.
// Options: see SERVER. `log` collects the server's request lines
// ('"GET /blog/bundle.json HTTP/1.1" 200 -'), to count what was downloaded. `close()` may be
// called more than once.
export function startServer(dir, port = 0, { cors = false, notFound = false } = {}) {
  return new Promise((resolve, reject) => {
    const args = ['-u', '-c', SERVER, String(port), dir, cors ? '1' : '0', notFound ? '1' : '0'];
    const proc = spawn('python3', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise((done) => proc.once('exit', done));
    let out = '';
    const log = [];
    const timer = setTimeout(() => reject(new Error(`static server did not start: ${out}`)), 60000);  // generous: Python starts slowly on a loaded machine
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/port (\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({
          origin: `http://127.0.0.1:${m[1]}`,
          port: Number(m[1]),
          close: () => { proc.kill(); return exited; },
          log,
        });
      }
    });
    let pending = '';
    proc.stderr.on('data', (chunk) => {  // request log, one request a line
      const lines = (pending + chunk).split('\n');
      pending = lines.pop();
      for (const line of lines) { const m = line.match(/"(GET|HEAD|POST) .*/); if (m) log.push(m[0]); }
    });
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
