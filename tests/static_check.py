#!/usr/bin/env python3
"""Builds a content folder with carnet-build and checks the static side of the output as an
outside reader would: feed.xml, rss.xml and sitemap.xml parse as XML and list what they must;
every HTML page parses, runs no script but the app's, carries no event handler, and its
JSON-LD parses back to the article's own text; drafts appear nowhere.

usage: static_check.py BUILD APP CONTENT OUT
"""
import html.parser
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

ATOM = '{http://www.w3.org/2005/Atom}'
SITEMAP = '{http://www.sitemaps.org/schemas/sitemap/0.9}'
failures = []


def check(cond, message):
    if not cond:
        failures.append(message)


class Page(html.parser.HTMLParser):
    """Collects scripts, event-handler attributes, canonical links and the <main> text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts = []      # (attrs, text)
        self.handlers = []
        self.canonical = []
        self.base = None
        self.in_script = None
        self.text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name, _ in attrs:
            if name.lower().startswith('on'):
                self.handlers.append((tag, name))
        if tag == 'script':
            self.in_script = [a, '']
        if tag == 'link' and a.get('rel') == 'canonical':
            self.canonical.append(a.get('href'))
        if tag == 'base':
            self.base = a.get('href')
        for name in ('href', 'src'):
            if (a.get(name) or '').strip().lower().startswith('javascript:'):
                self.handlers.append((tag, f'{name}=javascript:'))

    def handle_endtag(self, tag):
        if tag == 'script' and self.in_script is not None:
            self.scripts.append(tuple(self.in_script))
            self.in_script = None

    def handle_data(self, data):
        if self.in_script is not None:
            self.in_script[1] += data
        else:
            self.text.append(data)


def main():
    build, app, content, out = sys.argv[1:5]
    shutil.rmtree(out, ignore_errors=True)
    run = subprocess.run([build, '--app', app, content, out], capture_output=True, text=True)
    check(run.returncode == 0, f'carnet-build exited {run.returncode}: {run.stderr}')

    bundle = json.load(open(os.path.join(out, 'bundle.json'), encoding='utf-8'))
    articles = bundle['articles']
    base_url = bundle['site']['base_url']

    atom = ET.parse(os.path.join(out, 'feed.xml')).getroot()
    entries = atom.findall(f'{ATOM}entry')
    check(len(entries) == len(articles), f'feed.xml: {len(entries)} entries for {len(articles)} articles')
    check([e.findtext(f'{ATOM}title') for e in entries] == [a['title'] for a in articles], 'feed.xml: titles')
    for e in entries:
        check(e.find(f'{ATOM}content').get('type') == 'html', 'feed.xml: content type')
        check(e.findtext(f'{ATOM}updated', '').endswith('T00:00:00Z'), 'feed.xml: RFC 3339 dates')
    rss = ET.parse(os.path.join(out, 'rss.xml')).getroot()
    items = rss.findall('channel/item')
    check([i.findtext('title') for i in items] == [a['title'] for a in articles], 'rss.xml: titles')
    check([i.findtext('link') for i in items] == [f"{base_url}post/{a['slug']}/" for a in articles], 'rss.xml: links')
    sitemap = ET.parse(os.path.join(out, 'sitemap.xml')).getroot()
    locs = {u.findtext(f'{SITEMAP}loc') for u in sitemap.findall(f'{SITEMAP}url')}
    for a in articles:
        check(f"{base_url}post/{a['slug']}/" in locs, f"sitemap.xml: no {a['slug']}")

    pages = 0
    for folder, _, files in os.walk(out):
        for name in files:
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, out)
            data = open(path, 'rb').read()
            check(b'SECRET-DRAFT' not in data and b'secret-draft' not in data, f'{rel}: a draft leaked')
            if not name.endswith('.html'):
                continue
            pages += 1
            page = Page()
            page.feed(data.decode('utf-8'))
            page.close()
            check(page.handlers == [], f'{rel}: event handlers or javascript: URLs {page.handlers}')
            for attrs, text in page.scripts:
                kind = attrs.get('type')
                if kind == 'application/ld+json':
                    ld = json.loads(text)
                    slug = rel.split(os.sep)[1]
                    article = next(a for a in articles if a['slug'] == slug)
                    check(ld['headline'] == article['title'], f'{rel}: JSON-LD headline {ld["headline"]!r}')
                    check(ld['@type'] == 'Article', f'{rel}: JSON-LD type')
                else:
                    check(attrs.get('src', '').startswith('js/') and text.strip() == '',
                          f'{rel}: unexpected script {attrs} {text[:80]!r}')
            if rel.startswith('post' + os.sep):
                check(len(page.canonical) == 1, f'{rel}: {len(page.canonical)} canonical links')
    check(pages == len(articles) + 8, f'{pages} HTML pages')  # home, category, 2 tags, author, archive, search, 404
    evil = open(os.path.join(out, 'post', 'evil', 'index.html'), encoding='utf-8').read()
    check('<link rel="canonical" href="https://orig.example/x?a=1&amp;b=&quot;&gt;&lt;script&gt;' in evil,
          'post/evil: canonical is the original URL, escaped')

    for f in failures:
        print('FAIL:', f)
    print(f'static_check: {pages} pages, {len(entries)} feed entries, {len(locs)} sitemap URLs, '
          f'{len(failures)} failure(s)')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
