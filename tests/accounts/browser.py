"""Headless Chromium (Debian's, never a downloaded build) watching for anything a payload does."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from tests import needs

# Runs in every page before its own scripts: count calls of the functions payloads use.
_WATCH = """
(() => {
  window.__xss_calls = [];
  for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
    const original = window[name];
    window[name] = function (...args) {
      window.__xss_calls.push(name + '(' + args.join(',') + ')');
      return name === 'confirm' ? false : null;
    };
  }
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__xss_calls.push('csp:' + e.violatedDirective + ' ' + e.blockedURI);
  });
})();
"""

# After load: anything in the DOM that could run code later (on hover, click, focus ...).
_SCAN = """
() => {
  const found = [];
  const bad = /^\\s*(javascript|vbscript|data):/i;
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) found.push(el.tagName + '[' + name + ']');
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc', 'poster']
            .includes(name) && (bad.test(attr.value) || name === 'srcdoc'))
        found.push(el.tagName + '[' + name + '=' + attr.value.slice(0, 60) + ']');
    }
    const tag = el.tagName.toLowerCase();
    if (['iframe', 'object', 'embed', 'frame', 'frameset', 'base', 'applet', 'portal']
          .includes(tag)) found.push(tag);
    // the editor's import map carries the request's CSP nonce, which no payload can know
    const trusted = ['application/json', 'application/ld+json'].includes(el.type)
      || (el.type === 'importmap' && el.nonce);
    if (tag === 'script' && !el.src && !trusted) found.push('inline script');
    if (tag === 'meta' && el.httpEquiv && el.httpEquiv.toLowerCase() === 'refresh')
      found.push('meta refresh');
  }
  if (window.__xss !== undefined) found.push('window.__xss set');
  return found.concat(window.__xss_calls || []);
}
"""


@dataclass
class Findings:
    dialogs: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    dom: list[str] = field(default_factory=list)
    pages: int = 0

    def problems(self) -> list[str]:
        return [
            *(f"dialog: {d}" for d in self.dialogs),
            *(f"console: {c}" for c in self.console),
            *(f"request: {r}" for r in self.foreign_requests),
            *self.dom,
        ]


class Browser:
    """One page of a Chromium context on the live server, recording what payloads could do."""

    def __init__(self, page: Any, base_url: str, findings: Findings) -> None:
        self.page = page
        self.base_url = base_url.rstrip("/")
        self.findings = findings
        self._current = ""

    def visit(self, path: str, scan: bool = True) -> Any:
        self._current = path
        response = self.page.goto(self.base_url + path, wait_until="load")
        self.findings.pages += 1
        if scan:
            for item in self.page.evaluate(_SCAN):
                self.findings.dom.append(f"{path}: {item}")
        return response


@contextmanager
def chromium(base_url: str, bypass_csp: bool = False) -> Iterator[Browser]:
    """Start Chromium; every request to another host is recorded and blocked."""
    from playwright.sync_api import sync_playwright

    executable = needs.chromium()
    host = urlsplit(base_url).netloc
    findings = Findings()
    # Playwright runs an event loop in this thread; Django's ORM is only touched by the live
    # server's own thread meanwhile.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        context = browser.new_context(bypass_csp=bypass_csp, base_url=base_url)
        context.add_init_script(_WATCH)

        def route(route: Any) -> None:
            url = route.request.url
            if urlsplit(url).scheme in ("http", "https", "ws", "wss") and (
                urlsplit(url).netloc != host
            ):
                findings.foreign_requests.append(url)
                route.abort()
            else:
                route.continue_()

        context.route("**/*", route)
        page = context.new_page()
        page.on("dialog", lambda d: (findings.dialogs.append(d.message), d.dismiss()))
        page.on(
            "console",
            lambda m: (
                findings.console.append(f"{m.type}: {m.text}")
                if m.type != "error" or "Content Security Policy" in m.text
                else None
            ),
        )
        try:
            yield Browser(page, base_url, findings)
        finally:
            context.close()
            browser.close()


def add_session(browser: Browser, client: Any, base_url: str) -> None:
    """Give the browser the Django test client's (verified) session."""
    from django.conf import settings

    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    browser.page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}]
    )
