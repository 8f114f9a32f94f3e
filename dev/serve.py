#!/usr/bin/env python3
"""Carnet's development server (`./carnet serve`): serves the built site, watches the
content (and the web app's sources), rebuilds on change and makes open pages reload.

Dev only: the reload client (dev/reload.js) is injected into HTML responses here and is
never part of a build. It is an external script and uses Server-Sent Events to this same
origin, so the site's Content-Security-Policy (script-src 'self'; connect-src 'self')
allows it unchanged. Standard library only; changes are found by polling modification
times (no inotify needed, works on any file system).

usage: serve.py --root DIST [--port N] [--watch DIR]... [--watch-app DIR --build-app CMD]
                -- SITE_BUILD_COMMAND...
"""
import argparse
import json
import os
import shlex
import signal
import subprocess
import sys
import threading
import time
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
RELOAD_JS = HERE / 'reload.js'
PREFIX = '/__carnet/'
INJECT = b'<script type="module" src="/__carnet/reload.js"></script>\n'
# Replaces the site's service worker while developing: it would serve cached pages after a
# rebuild. This one removes itself (and the caches) as soon as it is installed.
DEV_SW = b"""// ./carnet serve: no offline cache while developing.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil((async () => {
  for (const key of await caches.keys()) await caches.delete(key);
  await self.registration.unregister();
})()));
"""
POLL_SECONDS = 0.3
SETTLE_SECONDS = 0.15   # a save often touches a file twice: wait until it is quiet


def log(message):
    print(f'\033[1m[carnet]\033[0m {message}', file=sys.stderr, flush=True)


def snapshot(dirs):
    """(path, mtime, size) of every visible file under dirs: any edit, addition or removal
    changes it. Hidden files and editor backups (~) are ignored, as the builder ignores them."""
    seen = []
    for top in dirs:
        for root, folders, files in os.walk(top):
            folders[:] = sorted(f for f in folders if not f.startswith('.'))
            for name in sorted(files):
                if name.startswith('.') or name.endswith('~'):
                    continue
                path = os.path.join(root, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                seen.append((path, st.st_mtime_ns, st.st_size))
    return tuple(seen)


class Builds:
    """The latest build's number and messages; waiters learn about new builds."""

    def __init__(self):
        self.cond = threading.Condition()
        self.version = 0
        self.ok = True
        self.log = ''
        self.stopping = False
        self.proc = None

    def publish(self, ok, output):
        with self.cond:
            self.version += 1
            self.ok = ok
            self.log = output
            self.cond.notify_all()

    def state(self):
        return {'version': self.version, 'ok': self.ok, 'log': self.log}

    def wait_newer(self, version, timeout):
        with self.cond:
            self.cond.wait_for(lambda: self.version != version or self.stopping, timeout)
            return self.state()

    def stop(self):
        with self.cond:
            self.stopping = True
            self.cond.notify_all()
            if self.proc and self.proc.poll() is None:
                self.proc.terminate()

    def run(self, argv):
        """Runs one build step, echoing its messages; returns (exit code, output)."""
        with self.cond:
            if self.stopping:
                return 1, ''
            self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, start_new_session=True)
        output = self.proc.stdout.read().decode('utf-8', 'replace')
        code = self.proc.wait()
        sys.stderr.write(output)
        sys.stderr.flush()
        return code, output


def watch(builds, content_dirs, app_dirs, build_app, build_site):
    last_content = snapshot(content_dirs)
    last_app = snapshot(app_dirs)
    while not builds.stopping:
        time.sleep(POLL_SECONDS)
        content, app = snapshot(content_dirs), snapshot(app_dirs)
        if content == last_content and app == last_app:
            continue
        time.sleep(SETTLE_SECONDS)
        content, app = snapshot(content_dirs), snapshot(app_dirs)
        app_changed = app != last_app
        last_content, last_app = content, app
        log('change seen: rebuilding' + (' the web app and' if app_changed else '') + ' the site')
        output = ''
        ok = True
        if app_changed and build_app:
            code, out = builds.run(build_app)
            output += out
            ok = code == 0
        if ok:
            code, out = builds.run(build_site)
            output += out
            ok = code == 0   # 1: built with errors (the good articles are still published)
        if builds.stopping:
            return
        log('rebuilt: open pages reload' if ok else 'rebuilt with errors (above): open pages reload and show them')
        builds.publish(ok, output)


def make_handler(root, builds):
    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, fmt, *args):
            pass  # quiet: the terminal is for build messages

        def end_headers(self):
            self.send_header('Cache-Control', 'no-store')
            super().end_headers()

        def send_bytes(self, body, content_type, status=HTTPStatus.OK):
            self.send_response(status)
            self.send_header('Content-Type', content_type)
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            if self.command != 'HEAD':
                self.wfile.write(body)

        def do_HEAD(self):
            self.do_GET()

        def do_GET(self):
            path = self.path.split('?', 1)[0].split('#', 1)[0]
            if path == PREFIX + 'reload.js':
                return self.send_bytes(RELOAD_JS.read_bytes(), 'text/javascript; charset=utf-8')
            if path == PREFIX + 'events':
                return self.events()
            if path.endswith('/sw.js'):
                return self.send_bytes(DEV_SW, 'text/javascript; charset=utf-8')
            file = Path(self.translate_path(path))
            not_found = root / '404.html'
            if file.is_dir() and path.endswith('/') and (file / 'index.html').is_file():
                return self.send_html(file / 'index.html', HTTPStatus.OK)
            if file.suffix == '.html' and file.is_file():
                return self.send_html(file, HTTPStatus.OK)
            if not file.exists() and not_found.is_file():
                # What static hosts do (GitHub Pages, a bucket's error document).
                return self.send_html(not_found, HTTPStatus.NOT_FOUND)
            return super().do_GET()

        def send_html(self, file, status):
            html = file.read_bytes()
            at = html.find(b'</head>')
            html = html[:at] + INJECT + html[at:] if at >= 0 else html + INJECT
            return self.send_bytes(html, 'text/html; charset=utf-8', status)

        def events(self):
            """Server-Sent Events: the current build at once, then every new one."""
            self.send_response(HTTPStatus.OK)
            self.send_header('Content-Type', 'text/event-stream')
            self.end_headers()
            state = builds.state()
            try:
                while True:
                    self.wfile.write(f'event: build\ndata: {json.dumps(state)}\n\n'.encode())
                    self.wfile.flush()
                    while True:
                        newer = builds.wait_newer(state['version'], timeout=15)
                        if builds.stopping:
                            return
                        if newer['version'] != state['version']:
                            state = newer
                            break
                        self.wfile.write(b': keep-alive\n\n')
                        self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--root', required=True, help='the built site to serve')
    parser.add_argument('--port', type=int, default=8080)
    parser.add_argument('--watch', action='append', default=[], help='content folder: rebuild the site on change')
    parser.add_argument('--watch-app', action='append', default=[], help='web app sources: rebuild the app, then the site')
    parser.add_argument('--build-app', default='', help='command that rebuilds the web app')
    parser.add_argument('build_site', nargs=argparse.REMAINDER, help='-- command that rebuilds the site')
    args = parser.parse_args()
    build_site = args.build_site[1:] if args.build_site[:1] == ['--'] else args.build_site
    if not build_site:
        parser.error('the site build command is missing (after --)')

    builds = Builds()
    code, output = builds.run(build_site)
    builds.publish(code == 0, output)
    if code != 0:
        log('the site was built with errors (above): serving what could be built')
    try:
        server = ThreadingHTTPServer(('127.0.0.1', args.port), make_handler(Path(args.root), builds))
    except OSError as err:
        log(f'error: cannot listen on 127.0.0.1:{args.port} ({err.strerror}); try CARNET_PORT=8081 ./carnet serve')
        return 1
    server.daemon_threads = True
    watcher = threading.Thread(target=watch, daemon=True,
                               args=(builds, args.watch, args.watch_app, shlex.split(args.build_app), build_site))
    watcher.start()
    port = server.server_address[1]
    watched = ', '.join(args.watch + args.watch_app) or 'nothing'
    log(f'serving {args.root} at http://127.0.0.1:{port}/ (watching {watched}; Ctrl-C to stop)')
    print(f'http://127.0.0.1:{port}/', flush=True)

    # Ctrl-C (SIGINT) and SIGTERM end the server cleanly: no traceback, exit status 0.
    stop = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    serving = threading.Thread(target=server.serve_forever, kwargs={'poll_interval': 0.2}, daemon=True)
    serving.start()
    # With a timeout: the kernel may hand SIGINT to any thread, and Python runs its handler
    # only when the main thread next runs; a wait without timeout could sleep through it.
    while not stop.wait(0.2):
        pass
    builds.stop()
    server.shutdown()
    server.server_close()
    log('stopped')
    return 0


if __name__ == '__main__':
    sys.exit(main())
