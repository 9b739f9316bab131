"""
Browser journeys: Playwright for Python driving Debian's Chromium against
pytest-django's live_server, with axe-core (from npm, built into
static_build/vendor/) checking every page visited.
"""

import os
import re
import shutil
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
    "--no-first-run",
]
AXE_SOURCE = Path(settings.BASE_DIR) / "static_build" / "vendor" / "axe.min.js"
RESULTS_DIR = Path(settings.BASE_DIR) / "test-results"
WIDTHS = (320, 1280)


# The test database on SQLite lives in memory, and Django hands the one connection
# to the live server's threads and to the test's own thread alike ("prevent
# simultaneous database queries via this shared connection", its docs say). A
# browser sends several requests at once, and two of them inside one connection's
# transaction left it half in one (autocommit off, no atomic block), which broke
# every transactional test after it. So, on a shared connection, the server takes
# one request at a time and the test thread's queries wait for it. PostgreSQL gives
# each thread its own connection and keeps the threads.
ONE_AT_A_TIME = threading.RLock()


class OneRequestAtATimeServer(ThreadedWSGIServer):
    def set_app(self, application):
        if not self.connections_override:
            return super().set_app(application)

        def serialised(environ, start_response):
            with ONE_AT_A_TIME:
                response = application(environ, start_response)
                try:
                    body = b"".join(response)  # a streamed body reads the database too
                finally:
                    if hasattr(response, "close"):
                        response.close()
            return [body]

        return super().set_app(serialised)


LiveServerThread.server_class = OneRequestAtATimeServer


def _wait_for_the_server(execute, sql, params, many, context):
    with ONE_AT_A_TIME:
        return execute(sql, params, many, context)


@pytest.fixture(autouse=True)
def _one_query_at_a_time(request):
    """The test thread's queries wait for the live server's request in progress."""
    if "live_server" not in request.fixturenames:
        yield
        return
    shared = [c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()]
    for connection in shared:
        connection.execute_wrappers.append(_wait_for_the_server)
    yield
    for connection in shared:
        connection.execute_wrappers.remove(_wait_for_the_server)


def _connections_left_in_a_transaction() -> list[str]:
    """Put right (so the tests after it can empty the database) and named: a
    connection the requests left with autocommit off outside any atomic block."""
    left = []
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block and not connection.get_autocommit():
            connection.rollback()
            connection.set_autocommit(True)
            left.append(connection.alias)
    return left


def chromium_missing_reason() -> str | None:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return (
            f"Chromium not found at {CHROMIUM}: browser journeys SKIPPED "
            "(install it with `apt-get install chromium`)"
        )
    if not AXE_SOURCE.exists():
        return f"{AXE_SOURCE} missing: run `npm run build` (make does) to run browser journeys"
    return None


def pytest_collection_modifyitems(config, items):
    reason = chromium_missing_reason()
    if reason is None:
        return
    if os.environ.get("E2E_REQUIRED"):
        raise pytest.UsageError(f"E2E_REQUIRED is set but {reason}")
    skip = pytest.mark.skip(reason=reason)
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in the test thread; the ORM calls
    # that fixtures make in that thread are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def demo(transactional_db):
    """The demo site and accounts, loaded into the live server's database.

    Transactional tests empty every table afterwards, Wagtail's root page and
    collection included; `demo_load` puts those back first.
    """
    from iomsite.demo import DEMO_PASSWORD, demo_load

    demo_load(with_accounts=True)
    return DEMO_PASSWORD


# Added to every page before its own scripts (through the DevTools protocol, so the
# page's CSP does not apply to it): each CSP violation is written to the console,
# where `watch_for_csp_violations` collects it. Chromium also logs its own
# "Refused to ... Content Security Policy" message, collected the same way.
CSP_VIOLATION_MARKER = "CSP violation:"
CSP_LISTENER = (
    "document.addEventListener('securitypolicyviolation', (event) => {"
    f"  console.error('{CSP_VIOLATION_MARKER} ' + event.effectiveDirective + ' blocked '"
    "    + (event.blockedURI || 'inline') + ' on ' + event.documentURI"
    "    + (event.sourceFile ? ' (' + event.sourceFile + ':' + event.lineNumber + ')' : ''));"
    "}, true);"
)


def watch_for_csp_violations(context) -> list[str]:
    """Every CSP violation any page of the context meets, as console text."""
    violations: list[str] = []
    context.add_init_script(script=CSP_LISTENER)

    def on_console(message):
        text = message.text
        if CSP_VIOLATION_MARKER in text or "Content Security Policy" in text:
            violations.append(f"{message.page.url if message.page else '?'}: {text}")

    context.on("console", on_console)
    return violations


def _tab(request, browser, live_server, **options):
    """A fresh browser tab on the live server, with the site's CSP enforced (a
    violation fails the test); on failure, its screenshot and HTML."""
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
        **options,
    )
    context.set_default_timeout(10_000)
    violations = watch_for_csp_violations(context)
    tab = context.new_page()
    tab.csp_violations = violations
    yield tab
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        RESULTS_DIR.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
        tab.screenshot(path=str(RESULTS_DIR / f"{name}.png"), full_page=True)
        (RESULTS_DIR / f"{name}.html").write_text(tab.content(), encoding="utf-8")
    context.close()
    left_in_a_transaction = _connections_left_in_a_transaction()
    assert not left_in_a_transaction, f"left outside autocommit: {left_in_a_transaction}"
    if report is not None and report.passed:
        assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture
def page(request, browser, live_server, demo):
    yield from _tab(request, browser, live_server)


@pytest.fixture
def nojs_page(request, browser, live_server, demo):
    """A tab with JavaScript switched off: every journey must work here too."""
    yield from _tab(request, browser, live_server, java_script_enabled=False)
