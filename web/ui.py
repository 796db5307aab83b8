"""Streamlit glue shared by the pages: the cached database, the URL state, safe text."""

from __future__ import annotations

import base64
import functools
import gc
import importlib
import json
import pkgutil
import re
import threading
from collections.abc import Callable
from datetime import date, datetime
from html import escape

import pandas as pd
import streamlit as st

from core import auth, demo_accounts, engine, texts
from core.bootstrap import open_database
from core.db import Database, DatabaseBusy, default_db_path
from core.inert import inert_grid
from screens import charts, choices
from screens.reporting_status import STATE_COLOURS

USER_KEY, SIGNED_IN_KEY, SEEN_KEY, EXPIRED_KEY = "user", "signed_in_at", "last_seen_at", "session_expired"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
# Streamlit's Markdown turns bare addresses into links after escapes are read ("http://", "www.", "a@b.c"):
# an invisible word joiner after the part that starts them keeps the text as typed, and never a link.
_LINK_STARTS = re.compile(r"(?i)(:(?=//)|\bwww(?=\.)|@)")
WORD_JOINER = "\u2060"


@st.cache_resource
def database(path: str) -> Database:
    """One database per process, shared by every session (each query takes its own cursor)."""
    return open_database(path)


# A page's view (the model its screen function returns), computed once per key and shared as it is by every session
# (st.cache_resource), not copied out of a pickle at each run as st.cache_data gives it: on the country after the
# reform, each session left on Tình hình báo cáo held its own 3 MB copy of the grid's model, and each run of Bảng
# điểm paid for copying the scorecard. A page only reads its view. At most VIEWS_KEPT per page function, all of the
# newest data version: every run asks for the version it reads (`data_version`), so once the data changed the views of
# the version before are never asked for again; kept, they were memory the server held for nothing and objects every
# full garbage collection walked (ten versions of each view after ten uploads: the slow runs of the Chromium bench).
VIEWS_KEPT = 16
_VIEWS: dict[tuple[str, str], Callable] = {}  # every shared view function, by its file and name
_NEWEST: dict[tuple[str, str], tuple] = {}  # the data version each one was last asked for


def shared_view(function: Callable) -> Callable:
    """The decorator of a page's view function, whose first argument is the data version (see above);
    `clear_caches` clears every one."""
    name = function.__code__.co_filename, function.__qualname__
    cached = st.cache_resource(max_entries=VIEWS_KEPT)(function)
    _VIEWS[name] = cached  # a page's run decorates it again: the cache is Streamlit's, found by the function's code

    @functools.wraps(function)
    def view(version: tuple, *args: object) -> object:
        if _NEWEST.setdefault(name, version) != version:
            _NEWEST[name] = version
            cached.clear()
        return cached(version, *args)

    return view


def clear_caches() -> None:
    """Every view, cached value and shared engine result computed so far (the database stays open)."""
    st.cache_data.clear()
    for cached in _VIEWS.values():
        cached.clear()
    engine.clear_shared()


# Python's collector walks every object it tracks at each full collection, and the pages' shared views and the
# engine's results are large (on the country after the reform: 50,000 results, a scorecard of 50,000 cells, 43,000
# bars of the meeting's slides). With the default thresholds the server made about sixteen full collections of
# 150 ms while the pages were drawn once after new data (a log of the collector in the Chromium bench): a slow click
# here and there. Young collections every 10,000 new objects instead of 700: about two full ones in the same work.
GC_THRESHOLDS = (10_000, 10, 10)
PAGE_PACKAGES = ("core", "etl", "meeting", "screens", "web")  # every module the pages use comes from these


@st.cache_resource
def settle_memory() -> None:
    """Once per server, at its first run: every module the pages use is imported (paid once, there, not by whoever
    first opens each page after a restart), and the objects loaded so far are set aside from garbage collection, so
    a full collection has far less to walk (it was a third of the scorecard's re-render); then GC_THRESHOLDS."""
    for package in PAGE_PACKAGES:
        for module in pkgutil.walk_packages(importlib.import_module(package).__path__, f"{package}."):
            if not module.name.endswith(".__main__"):  # a command's entry point runs when imported
                importlib.import_module(module.name)
    collect_as_the_server()


def collect_as_the_server() -> None:
    """What the process holds so far set aside from garbage collection, and GC_THRESHOLDS: the server's collector
    once it has settled (settle_memory); the bench sets its own process so before it times the engine."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def db() -> Database:
    return database(str(default_db_path()))


def current_user() -> auth.User | None:
    """The signed-in account, reloaded from the database on every run (a role change or a deactivation
    applies at once); None when nobody is signed in or the session has expired."""
    username = st.session_state.get(USER_KEY)
    if username is None:
        return None
    now = datetime.now()
    user = auth.active_user(db(), username, st.session_state[SIGNED_IN_KEY])
    if user is None or auth.session_expired(st.session_state[SIGNED_IN_KEY], st.session_state[SEEN_KEY], now):
        sign_out()
        st.session_state[EXPIRED_KEY] = True
        return None
    st.session_state[SEEN_KEY] = now
    return user


def sign_in(user: auth.User, now: datetime | None = None) -> None:
    now = now or datetime.now()
    st.session_state[USER_KEY] = user.username
    st.session_state[SIGNED_IN_KEY] = st.session_state[SEEN_KEY] = now
    st.session_state.pop(EXPIRED_KEY, None)


def sign_out() -> None:
    """Every key of the session goes, not only the account's: a held upload, its confirm button, chosen
    filters and widget values must not wait for the next person on a shared computer (also on expiry)."""
    for key in list(st.session_state.keys()):
        del st.session_state[key]


def sign_in_form() -> None:
    """The sign-in page: name and password; on success the page the link asked for opens."""
    st.title(texts.SIGN_IN_TITLE)
    st.caption(texts.SIGN_IN_CAPTION)
    warn_of_demo_accounts()
    if st.session_state.get(EXPIRED_KEY):
        st.info(texts.SIGN_IN_EXPIRED)
    with st.form("sign_in"):
        username = st.text_input(texts.SIGN_IN_USERNAME, key="sign_in_username", max_chars=40)
        password = st.text_input(texts.SIGN_IN_PASSWORD, type="password", key="sign_in_password", max_chars=200)
        submitted = st.form_submit_button(texts.SIGN_IN_BUTTON, type="primary")
    if submitted:
        now = datetime.now()  # the session's start: a password reset after the check ends it
        try:
            user = auth.authenticate(db(), username, password, now, client=client_address())
        except auth.AuthError as refusal:
            st.error(str(refusal))
        else:
            sign_in(user, now)
            st.rerun()


def client_address() -> str:
    """The client that sign-in failures are counted against: the address Streamlit's server took from the
    connection (`st.context.ip_address`; None on the server's own machine), never from the form. See README
    "Accounts" on reverse proxies and X-Forwarded-For."""
    address = st.context.ip_address
    return auth.client_key(address if isinstance(address, str) else None)  # AppTest hands a mock


# The page each role lands on after signing in (pages/start.py): the committee reads the figures, the
# secretariat chases reports and checks figures, a unit's staff send their own reports.
LANDING_PAGES = {
    "admin": "pages/todo.py",
    "secretariat": "pages/todo.py",
    "unit_staff": "pages/unit_reports.py",
    "committee": "pages/overview.py",
}


def require(permission: str) -> auth.User:
    """The signed-in user if the role allows `permission`; otherwise the page stops with a message.

    Navigation already hides what a role may not use: this is the server's own check.
    """
    user = current_user()
    if user is None or not user.can(permission):
        st.error(texts.NOT_ALLOWED)
        st.stop()
    return user


def warn_of_demo_accounts() -> None:
    """On the sign-in page, while an account still has the password the README publishes: this database is the
    demo's, not for real data. One query a run (each hash is verified once per server, see core.demo_accounts)."""
    try:
        published = demo_accounts.published_accounts(db())
    except DatabaseBusy:  # a load or a backup holds the file: the sign-in itself will wait for it
        return
    if published:
        st.warning(texts.SIGN_IN_DEMO_ACCOUNTS, icon=":material/warning:")


_RUN = threading.local()  # what the script run of this thread has read once: the data version


def begin_run() -> None:
    """At the start of every run (dashboard.py): the run reads the data version afresh (`data_version`)."""
    _RUN.version = None


def data_version() -> tuple:
    """Changes whenever data or plans are loaded, or another database file is served: part of every cached
    call's key (the caches are shared by every database the process opens, as the tests do).

    Read once per run (again after this process wrote: an upload or a decision made in the run), so a run draws one
    version throughout, and the query is not paid for each view: five times a run on Chỉ tiêu, where on the country's
    database it was a quarter of the time to draw the page again after a change of period."""
    database = db()
    known = getattr(_RUN, "version", None)
    if known is None or known[0] is not database or known[1] != database.writes:
        known = _RUN.version = (database, database.writes, (str(database.path), *database.one("last_load_marker")))
    return known[2]


def multiselect(label: str, options, **kwargs):
    """st.multiselect without its «Select all» entry: Streamlit writes it in English and offers it whenever there are
    at most 1,000 options; picking every unit at once is not what any of these pickers is for."""
    return st.multiselect(label, options, select_all=False, **kwargs)


def plain(text: object) -> str:
    """User-supplied text made inert for st.markdown: no HTML, no Markdown formatting, no link."""
    unlinked = _LINK_STARTS.sub(lambda start: start.group(0) + WORD_JOINER, str(text))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", unlinked)


def remember_outcome(key: str, action: Callable[[], object], success: str) -> None:
    """In a button's callback (it runs before the page): do `action` and keep what came of it under `key` for
    `show_outcome`, so the page drawn next shows the new state and the words. A refusal (ValueError, the product's
    errors in Vietnamese) is kept as an error; words the action returns (what became of its e-mail) follow `success`."""
    try:
        more = action()
    except ValueError as refusal:
        st.session_state[key] = ("error", str(refusal))
    else:
        st.session_state[key] = ("success", f"{success} {more}" if isinstance(more, str) and more else success)


def show_outcome(key: str) -> bool:
    """The words `remember_outcome` kept, once; whether there were any."""
    outcome = st.session_state.pop(key, None)
    if outcome:
        (st.success if outcome[0] == "success" else st.error)(plain(outcome[1]))
    return outcome is not None


LONG_TABLE_ROWS, LONG_TABLE_PX = 15, 560  # a table longer than this scrolls in a frame of its own


def table_height(rows) -> int | str:
    """A short table (a frame, or a list of its rows) shown whole; a long one (65-3,321 units) in a frame, so what
    follows stays a scroll away and the browser draws only the rows in view."""
    return "content" if len(rows) <= LONG_TABLE_ROWS else LONG_TABLE_PX


def grid(data, **kwargs):
    """st.dataframe for every grid of the product: its toolbar downloads and copies cells as shown, so text
    a spreadsheet would run as a formula (a commune or file named "=HYPERLINK(...)") is made inert first."""
    return st.dataframe(inert_grid(data), **kwargs)


def text_table(frame: pd.DataFrame) -> None:
    """A static table whose every cell is shown as typed: st.table reads Markdown, user text must stay inert."""
    st.table(frame.rename(columns=plain).map(plain), hide_index=True)


VIEW_KEY = "view"  # session key: the plan, period and unit last chosen, for a page opened from the menu


def choose(
    label: str, options: dict[str, str], param: str, key: str, default: str | None = None, remember: bool = False
) -> str | None:
    """A select box whose choice lives in the URL (?param=value) so a link opens the same view. A `remember`ed
    choice also goes with the person to the next page opened from the menu (whose link has no parameters)."""
    if not options:
        return None
    codes = list(options)
    remembered = st.session_state.setdefault(VIEW_KEY, {})
    wanted = st.query_params.get(param) or (remembered.get(param) if remember else None) or default
    index = codes.index(wanted) if wanted in codes else codes.index(default) if default in codes else 0
    chosen = st.selectbox(label, codes, index=index, format_func=options.get, key=key)
    st.query_params[param] = chosen
    if remember:
        remembered[param] = chosen
    return chosen


@st.cache_data
def _choices(version: tuple, what: str, plan_id: str | None = None) -> dict[str, str] | str:
    database = db()
    if what == "plans":
        return choices.plan_choices(database)
    if what == "periods":
        return choices.period_choices(database, plan_id)
    if what == "default_period":
        return choices.default_period(database, plan_id)
    return choices.unit_choices(database, plan_id)


def select_plan() -> str:
    """The plan selector (kept in the URL); stops the page with a message when there is no plan."""
    plans = _choices(data_version(), "plans")
    if not plans:
        st.warning(texts.NO_PLANS)
        st.stop()
    return choose(texts.SELECT_PLAN, plans, "plan", key="plan", remember=True)


def select_period(plan_id: str) -> str:
    version = data_version()
    return choose(
        texts.SELECT_PERIOD,
        _choices(version, "periods", plan_id),
        "period",
        key="period",
        default=_choices(version, "default_period", plan_id),
        remember=True,
    )


def select_day(
    label: str, param: str, key: str, default: date, earliest: date | None = None, help: str | None = None
) -> date:
    """A day chosen on the page, kept in the URL (?param=2023-12-25) so a link opens the same view; never
    before `earliest`."""
    try:
        wanted = date.fromisoformat(st.query_params.get(param, ""))
    except ValueError:
        wanted = default
    if earliest is not None:
        wanted = max(wanted, earliest)
    chosen = st.date_input(label, wanted, min_value=earliest, format="DD/MM/YYYY", key=key, help=help)
    st.query_params[param] = chosen.isoformat()
    return chosen


def select_unit(plan_id: str) -> str:
    return choose(texts.SELECT_UNIT, _choices(data_version(), "units", plan_id), "unit", key="unit", remember=True)


def selectors(with_unit: bool = False) -> tuple[str, str, str | None]:
    """Plan, period (and unit) side by side, each kept in the URL so a link opens the same view."""
    columns = st.columns(3 if with_unit else 2)
    with columns[0]:
        plan_id = select_plan()
    with columns[1]:
        period = select_period(plan_id)
    unit = None
    if with_unit:
        with columns[2]:
            unit = select_unit(plan_id)
    return plan_id, period, unit


APPROVED_PARAM = "chi-da-duyet"  # ?chi-da-duyet=1: the figures of approved reports only, kept in a shared link


def approved_switch() -> bool:
    """The switch between every report received and approved reports only (issue 20, item 1), kept in the URL;
    when on, the page says so under it."""
    on = st.toggle(
        texts.APPROVED_ONLY_LABEL,
        value=st.query_params.get(APPROVED_PARAM) == "1",
        key="approved_only",
        help=texts.APPROVED_ONLY_HELP,
    )
    if on:
        st.query_params[APPROVED_PARAM] = "1"
        st.caption(texts.APPROVED_ONLY_NOTE)
    elif APPROVED_PARAM in st.query_params:
        del st.query_params[APPROVED_PARAM]
    return on


# Presenter mode: the keys a presenter presses, and the button (by its widget key) each one presses.
PRESENTER_KEYS = {
    "ArrowRight": "next",
    "PageDown": "next",
    " ": "next",
    "ArrowLeft": "previous",
    "PageUp": "previous",
    "Home": "first",
    "End": "last",
    "Escape": "exit",
}


def presenter_mode(controls_key: str) -> None:
    """Full screen for a projector: the sidebar, the header and the container `controls_key` (title, selectors,
    downloads, buttons) hidden, text at least 24 px; the keys of PRESENTER_KEYS press the hidden buttons. Our own
    style and script, no user text in them."""
    keys = json.dumps(PRESENTER_KEYS)
    st.html(
        "<style>"
        '[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],'
        f".st-key-{controls_key} {{ display: none !important; }}"
        '[data-testid="stMainBlockContainer"] { padding: 1rem 2rem 0 2rem; max-width: 100%; }'
        '[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,'
        '[data-testid="stMain"] [data-testid="stMarkdownContainer"] li { font-size: 1.5rem; }'
        "</style>"
        "<script>"
        "if (!window.bcd138PresenterKeys) {"
        "  window.bcd138PresenterKeys = true;"
        f"  const buttons = {keys};"
        "  document.addEventListener('keydown', (event) => {"
        "    if (!document.querySelector('.st-key-presenter-bar')) return;"
        "    if (event.target.closest('input, textarea, [contenteditable=true]')) return;"
        "    const key = buttons[event.key];"
        "    const button = key && document.querySelector(`.st-key-${key} button`);"
        "    if (button && !button.disabled) { event.preventDefault(); button.click(); }"
        "  });"
        "}"
        "</script>",
        unsafe_allow_javascript=True,
    )


# Streamlit's own English that CSS cannot hide, renamed in the browser as it appears (a MutationObserver): in each
# place (a CSS selector), each English text (a regular expression) becomes our Vietnamese. The calendar takes the
# browser's language when the app starts, and no option sets it: an English browser shows "December" and
# "S M T W T F S"; its weekday columns are named from the weekday of their first day (a week may start on Sunday or
# on Monday). The uploader checks a file's type and size before sending it, in English.
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CALENDAR = "[data-testid=stDateInputCalendar]"
UPLOADER = "[data-testid=stFileUploader]"
SELECTS = "[data-testid=stSelectbox], [data-testid=stMultiSelect]"
PLACEHOLDERS = {"Choose an option": texts.CHOOSE_ONE, "Choose options": texts.CHOOSE_MANY}  # a select left empty


def _renames() -> list[dict]:
    """Where each English text of Streamlit's widgets shows, and what it becomes."""
    limit = f"{st.get_option('server.maxUploadSize')} MB"
    months = [[rf"\b{english}\b", vietnamese] for english, vietnamese in zip(MONTHS, texts.MONTH_NAMES, strict=True)]
    return [
        {"places": CALENDAR, "words": [["Choose date", texts.CALENDAR_CHOOSE_DATE], *months]},
        {"places": "[role=listbox]", "first": [MONTHS[0], texts.MONTH_NAMES[0]], "words": months},  # month lists
        {"places": SELECTS, "words": [[f"^{english}$", vietnamese] for english, vietnamese in PLACEHOLDERS.items()]},
        {
            "places": UPLOADER,
            "words": [
                [r"^Error: ", texts.UPLOADER_ERROR],
                [r"\S+ files are not allowed\.", texts.UPLOADER_WRONG_TYPE],
                [r"File must be \S+ or smaller\.", texts.UPLOADER_TOO_LARGE.format(limit=limit)],
            ],
        },
    ]


def vietnamese_widgets() -> None:
    """Streamlit's calendar, uploader messages and empty selects' "Choose an option" in Vietnamese whatever the
    browser's language. Our own script and words, no user text in it; in the sidebar, where it takes no room."""
    renames = json.dumps(_renames())
    weekdays = json.dumps(dict(zip(WEEKDAYS, texts.WEEKDAY_SHORT, strict=True)))
    placeholders = json.dumps(PLACEHOLDERS)
    st.html(
        "<script>"
        "if (!window.bcd138Words) {"
        "  window.bcd138Words = true;"
        f"  const renames = {renames}, weekdays = {weekdays}, placeholders = {placeholders};"
        "  for (const r of renames) r.words = r.words.map(([from, to]) => [new RegExp(from, 'g'), to]);"
        "  const name = (heads, firsts) => heads.forEach((head, n) => {"
        "    const day = firsts[n] && weekdays[firsts[n].getAttribute('aria-label').split(',')[0]];"
        "    if (day && head.textContent !== day) head.textContent = day;"
        "  });"
        "  const rename = () => {"
        "    for (const input of document.querySelectorAll('input[placeholder]')) {"
        "      const to = placeholders[input.placeholder];"
        "      if (to) input.placeholder = to;"
        "    }"
        "    for (const r of renames) {"
        "      for (const place of document.querySelectorAll(r.places)) {"
        "        const option = place.querySelector('[role=option]');"
        "        if (r.first && !(option && r.first.includes(option.textContent.trim()))) continue;"
        "        const walker = document.createTreeWalker(place, NodeFilter.SHOW_TEXT);"
        "        for (let node = walker.nextNode(); node; node = walker.nextNode()) {"
        "          const renamed = r.words.reduce((text, [from, to]) => text.replace(from, to), node.nodeValue);"
        "          if (renamed !== node.nodeValue) node.nodeValue = renamed;"
        "        }"
        "        const firsts = place.querySelectorAll('tbody tr:first-child [role=gridcell] [aria-label]');"
        "        name(place.querySelectorAll('thead th'), firsts);"
        "      }"
        "    }"
        "  };"
        "  const watched = {childList: true, subtree: true, characterData: true};"
        "  new MutationObserver(rename).observe(document.body, {...watched, attributeFilter: ['placeholder']});"
        "}"
        "</script>",
        unsafe_allow_javascript=True,
    )


def vietnamese_uploader() -> None:
    """Streamlit's file uploader in Vietnamese: its button says «Chọn tệp» instead of "Upload", and its English
    limits line ("20MB per file • XLSX…") is hidden (the page writes the limits in Vietnamese under it). Style
    only, no script: the page's own wording (texts.UPLOADER_BUTTON) set as the button's text."""
    button = texts.UPLOADER_BUTTON.replace("\\", "").replace('"', "")
    st.html(
        "<style>"
        '[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }'
        '[data-testid="stFileUploaderDropzone"] button span:not([data-testid="stIconMaterial"]),'
        '[data-testid="stFileUploaderDropzone"] button p { display: none; }'
        f'[data-testid="stFileUploaderDropzone"] button::after {{ content: "{button}"; }}'
        "</style>"
    )


def _chip(colour: str, text: str, data: str, note: str | None = None) -> None:
    """`text` on its own colour (never colour alone), `note` beside it; `data` names what it shows, for tests."""
    chip = (
        f'<span style="background:{colour};color:{charts.ink_on(colour)};padding:0.15em 0.6em;'
        f'border-radius:0.5em;font-weight:600">{escape(text)}</span>'
    )
    if note:
        chip += f' <span style="margin-left:0.5em">{escape(note)}</span>'
    st.html(f"<div {data}>{chip}</div>")


def status_badge(status: str, note: str | None = None) -> None:
    """The status as a word and an icon on its own colour (core/texts.py STATUS_COLOURS: the same on every page,
    slide and legend), and beside it the level due now."""
    text = f"{texts.STATUS_ICONS[status]} {texts.STATUS_LABELS[status]}"
    _chip(texts.STATUS_COLOURS[status], text, f'data-status="{escape(status)}"', note)


def report_state_badge(state: str, text: str) -> None:
    """A report's state (on time, late, missing, not yet due) in the colours of the reporting grid."""
    _chip(STATE_COLOURS[state], text, f'data-report-state="{escape(state)}"')


def svg_image(svg: str, label: str) -> None:
    """An SVG picture of ours (screens/sparkline.py) as an image the width of its column: st.html keeps no SVG
    element, and an image cannot run or style anything on the page."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    st.html(f'<img src="data:image/svg+xml;base64,{data}" alt="{escape(label)}" style="width:100%">')


def status_bar(fraction: float, status: str, text: str) -> None:
    """A progress bar in the status's colour, with its text above (st.progress has one colour for all)."""
    colour = texts.STATUS_COLOURS[status]
    percent = round(max(0.0, min(1.0, fraction)) * 100, 1)
    st.html(
        f'<div data-status="{status}" role="progressbar" aria-valuenow="{percent}" aria-valuemin="0" '
        f'aria-valuemax="100" aria-label="{escape(text)}"><div style="margin-bottom:0.25em">{escape(text)}</div>'
        f'<div style="background:#E6E6E6;border-radius:0.3em;height:0.6em">'
        f'<div style="background:{colour};width:{percent}%;height:100%;border-radius:0.3em"></div></div></div>'
    )
