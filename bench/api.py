"""`python -m bench api`: the HTTP API under load on PostgreSQL, with the OFFSET ratio in the same run.

Builds (or reuses) the PostgreSQL shop of bench/api_data.py (BENCH_API_ITEMS items, default 1,000,000)
and vacuums it (`api_data.settle`: where autovacuum is off, earlier runs' posts leave dead rows),
starts `stockdesk serve --workers 2`, and drives it with wrk (apt: wrk) at 16 and 64 connections for
BENCH_API_SECONDS each (default 10; BENCH_API_CLIENTS and BENCH_API_CASES choose the rows): requests/s,
p50, p99, errors, and the CPU time per request of the server's workers and of this machine's
PostgreSQL processes (the machine is shared, so CPU time says more than wall time). Then the deep
page's SQL with a keyset condition against the same page by OFFSET, and the idempotent movement posts
checked against the ledger: posted once each, none lost, `check` clean.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import httpx
import psutil
from sqlalchemy import create_engine, text

from bench import api_data
from bench.scale_data import NOUNS
from bench.table import print_table
from stockdesk.domain.gtin import make_instore_ean13
from stockdesk.services.catalogue import item_pages
from stockdesk.services.catalogue.item_query import ItemSort
from stockdesk.services.database import open_database
from stockdesk.services.inventory import check

ITEMS = int(os.environ.get("BENCH_API_ITEMS", "1000000"))
SECONDS = int(os.environ.get("BENCH_API_SECONDS", "10"))
CLIENTS = tuple(int(c) for c in os.environ.get("BENCH_API_CLIENTS", "16,64").split(","))
# Rows whose label contains one of these words (comma-separated; empty: every row), e.g. "search,POST".
CASES = [c for c in os.environ.get("BENCH_API_CASES", "").split(",") if c]
DEEP = ITEMS // 2
TOKEN_AGE_S = 600  # a new access token when this one is older (they live 15 minutes)
ROOT = Path(__file__).resolve().parent.parent

LOOKUP_LUA = """
local codes = {%s}
request = function()
  return wrk.format("GET", "/api/v1/lookup?code=" .. codes[math.random(#codes)])
end
"""
# A web shop's mix: a page of the list (answered before routing, by precompiled reads), then one
# item by id (a route, and a unit of work that reads and rolls back), in turn.
MIXED_LUA = """
local items = {%s}
local page = "%s"
local turn = 0
request = function()
  turn = turn + 1
  if turn %% 2 == 0 then return wrk.format("GET", "/api/v1/items/" .. items[math.random(#items)]) end
  return wrk.format("GET", page)
end
"""
ITEM_LUA = """
local items = {%s}
request = function()
  return wrk.format("GET", "/api/v1/items/" .. items[math.random(#items)])
end
"""
# Searches as "hinge 12" is, each phrase a noun of the shop's names and a number (about 1,000 matches
# each): 1,800 phrases at random, so most are asked for the first time or after their kept page went.
SEARCHES_LUA = """
local nouns = {%s}
request = function()
  local phrase = nouns[math.random(#nouns)] .. "%%20" .. math.random(10, 99)
  return wrk.format("GET", "/api/v1/items?search=" .. phrase)
end
"""
# A receipt of one item into the main store, under its own Idempotency-Key (`receipt`).
RECEIPT_LUA = """
local items = {%s}
local auth = "%s"
local run = "%s"
local threads = 0
function setup(thread) threads = threads + 1; thread:set("tag", run .. "-" .. threads) end
local function receipt(reference, key)
  local body = '{"kind":"receive","item_id":"' .. items[math.random(#items)] ..
    '","store_id":"%s","quantity":"1","reference":"' .. reference .. '"}'
  return wrk.format("POST", "/api/v1/movements", {["Authorization"] = auth,
    ["Content-Type"] = "application/json", ["Idempotency-Key"] = key}, body)
end
"""
POST_LUA = RECEIPT_LUA + """
local counter = 0
request = function()
  counter = counter + 1
  return receipt("bench-api", "bench-" .. tag .. "-" .. counter)
end
"""
# Look-ups while the shop writes: every 100th request a receipt (its reference and key kept apart
# from the POST row's ledger count). Each write ends the moment a worker's remembered look-ups stand
# on (api/answer_memory), so this row shows look-ups mostly read afresh.
LOOKUP_WRITES_LUA = RECEIPT_LUA + """
local codes = {%s}
local counter = 0
request = function()
  counter = counter + 1
  if counter %% 100 == 0 then return receipt("bench-api-mixed", "mixed-" .. tag .. "-" .. counter) end
  return wrk.format("GET", "/api/v1/lookup?code=" .. codes[math.random(#codes)])
end
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(url: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "stockdesk",
            "--db",
            url,
            "serve",
            "--workers",
            "2",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):  # a benchmark may poll: the workers import and open the database first
        try:
            if httpx.get(f"{base}/api/v1/openapi.json", timeout=5).status_code == 200:
                return process, base
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("the API server did not start")


def _token(base: str) -> str:
    email, password = api_data.ADMIN
    answer = httpx.post(f"{base}/api/v1/auth/token", json={"email": email, "password": password}, timeout=60)
    return answer.json()["access_token"]


def _postgres_cpu() -> float:
    """CPU seconds of this machine's PostgreSQL processes so far (0 where the server runs elsewhere)."""
    total = 0.0
    for proc in psutil.process_iter(["username"]):
        if proc.info["username"] == "postgres":
            try:
                times = proc.cpu_times()
                # A backend that ended counts too: the postmaster reaped it, and its children's times
                # hold its CPU. Without them a row whose backends ended during it came out negative.
                total += times.user + times.system + times.children_user + times.children_system
            except psutil.NoSuchProcess:
                pass  # ended between the listing and the reading: counted once reaped
    return total


def _server_cpu(process: subprocess.Popen[bytes]) -> float:
    parent = psutil.Process(process.pid)
    total = 0.0
    for proc in [parent, *parent.children(recursive=True)]:
        try:
            times = proc.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total


def _wrk(url: str, clients: int, token: str | None, script: str | None) -> dict[str, str]:
    command = ["wrk", "-t2", f"-c{clients}", f"-d{SECONDS}s", "--latency", "--timeout", "10s"]
    if token:
        command += ["-H", f"Authorization: Bearer {token}"]
    if script:
        command += ["-s", script]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    found = {
        "rps": re.search(r"Requests/sec:\s+([\d.]+)", out),
        "p50": re.search(r"^\s+50%\s+(\S+)", out, re.M),
        "p99": re.search(r"^\s+99%\s+(\S+)", out, re.M),
        "requests": re.search(r"(\d+) requests in", out),
        "non2xx": re.search(r"Non-2xx or 3xx responses: (\d+)", out),
        "socket": re.search(r"Socket errors: (.*)", out),
    }
    return {k: (m.group(1) if m else "0") for k, m in found.items()}


def _deep_cursor(url: str) -> tuple[str, str, object]:
    engine = create_engine(url)
    with engine.connect() as connection:
        name, key = connection.execute(
            text(
                "SELECT name, id FROM item WHERE deleted = false AND active = true ORDER BY name, id "
                f"OFFSET {DEEP - 1} LIMIT 1"
            )
        ).one()
        top = connection.execute(
            text("SELECT id FROM category WHERE parent_id IS NULL ORDER BY name LIMIT 1")
        )
        category = top.scalar_one()
    engine.dispose()
    return item_pages._encode(ItemSort.NAME, False, name, key, False), name, (key, category)


def _sql_ratio(url: str, name: str, key: object) -> tuple[float, float]:
    """Median ms of the deep page by keyset and by OFFSET, the same query otherwise."""
    select = (
        "SELECT i.id, i.sku, i.name, s.on_hand FROM item i JOIN item_summary s ON s.item_id = i.id "
        "WHERE i.deleted = false AND i.active = true"
    )
    keyset = text(f"{select} AND i.name >= :v AND (i.name > :v OR i.id > :k) ORDER BY i.name, i.id LIMIT 51")
    offset = text(f"{select} ORDER BY i.name, i.id OFFSET {DEEP} LIMIT 51")
    engine = create_engine(url)
    timings: dict[str, list[float]] = {"keyset": [], "offset": []}
    with engine.connect() as connection:
        for _ in range(5):
            for label, query in (("keyset", keyset), ("offset", offset)):
                started = time.perf_counter()
                connection.execute(query, {"v": name, "k": key}).all()
                timings[label].append(time.perf_counter() - started)
    engine.dispose()
    return statistics.median(timings["keyset"]) * 1000, statistics.median(timings["offset"]) * 1000


def _codes() -> str:
    rng = random.Random(11)
    return ",".join(f'"{make_instore_ean13(20, rng.randrange(ITEMS))}"' for _ in range(5000))


def _scripts(url: str, token: str, folder: Path) -> tuple[str, str, str]:
    lookup = folder / "lookup.lua"
    lookup.write_text(LOOKUP_LUA % _codes())
    engine = create_engine(url)
    with engine.connect() as connection:
        items = [str(r[0]) for r in connection.execute(text("SELECT id FROM item WHERE active LIMIT 2000"))]
        main = str(connection.execute(text("SELECT id FROM store WHERE code = 'MAIN'")).scalar_one())
    engine.dispose()
    listed = ",".join(f'"{i}"' for i in items)
    return str(lookup), listed, main


def _post_script(folder: Path, listed: str, token: str, main: str) -> str:
    """A fresh script for every run: its keys carry a new nonce, so no run replays another's keys."""
    post = folder / f"post-{uuid.uuid4().hex[:8]}.lua"
    post.write_text(POST_LUA % (listed, f"Bearer {token}", uuid.uuid4().hex[:12], main))
    return str(post)


def _lookup_writes_script(folder: Path, listed: str, token: str, main: str) -> str:
    """A fresh script for every run, as `_post_script`."""
    script = folder / f"lookup-writes-{uuid.uuid4().hex[:8]}.lua"
    script.write_text(LOOKUP_WRITES_LUA % (listed, f"Bearer {token}", uuid.uuid4().hex[:12], main, _codes()))
    return str(script)


def _item_script(folder: Path, listed: str) -> str:
    item = folder / "item.lua"
    item.write_text(ITEM_LUA % listed)
    return str(item)


def _searches_script(folder: Path) -> str:
    searches = folder / "searches.lua"
    searches.write_text(SEARCHES_LUA % ",".join(f'"{noun}"' for noun in NOUNS))
    return str(searches)


def _mixed_script(folder: Path, listed: str, page: str) -> str:
    mixed = folder / "mixed.lua"
    mixed.write_text(MIXED_LUA % (listed, page))
    return str(mixed)


def _ledger(url: str) -> tuple[int, int]:
    engine = create_engine(url)
    with engine.connect() as connection:
        posted = connection.execute(text("SELECT count(*) FROM stock_movement WHERE reference = 'bench-api'"))
        keys = connection.execute(
            text("SELECT count(*) FROM api_idempotent_request WHERE key LIKE 'bench-%'")
        )
        result = int(posted.scalar_one()), int(keys.scalar_one())
    engine.dispose()
    return result


def main() -> None:
    if shutil.which("wrk") is None:  # before minutes of loading data, not after
        sys.exit("bench api drives the server with wrk, which is not installed: sudo apt-get install wrk")
    url = api_data.build(ITEMS)
    api_data.settle(url)
    before_posted, before_keys = _ledger(url)
    cursor, deep_name, (deep_key, category) = _deep_cursor(url)
    server, base = _start(url)
    rows: list[list[object]] = []
    posted_ok = 0
    try:
        token, token_since = _token(base), time.monotonic()
        with tempfile.TemporaryDirectory() as folder:
            lookup_lua, listed, main_store = _scripts(url, token, Path(folder))
            items = f"{base}/api/v1/items"
            scenarios = [
                ("items, first page by name", f"{items}?ordering=name&limit=50", None),
                ("items, position 500,000 (keyset)", f"{items}?ordering=name&limit=50&cursor={cursor}", None),
                (
                    "category + price, by price",
                    f"{items}?category_id={category}&min_price=50&max_price=60&ordering=sell_price",
                    None,
                ),
                ("text search (FTS), first page", f"{items}?search={quote('hinge 12')}", None),
                ("text search, 1,800 phrases at random", base, "searches"),
                ("low stock, first page", f"{items}?low_stock=true", None),  # as the peer's run.sh asks
                ("code look-up (random)", base, lookup_lua),
                ("code look-up, a receipt every 100", base, "lookup-writes"),
                ("an item by id (a product page)", base, "item"),
                ("mixed: deep page, then an item by id", base, "mixed"),
                ("movement POST + Idempotency-Key", base, "post"),
            ]
            chosen = [s for s in scenarios if not CASES or any(c in s[0] for c in CASES)]
            for label, target, script in chosen:
                for clients in CLIENTS:
                    if time.monotonic() - token_since > TOKEN_AGE_S:
                        # A run outlives one 15-minute access token. Not one a row: a log-in is a write,
                        # and a write ends what the workers remember (api/answer_memory), as a web
                        # shop using its token does not.
                        token, token_since = _token(base), time.monotonic()
                    cpu, database_cpu = _server_cpu(server), _postgres_cpu()
                    fresh = _post_script(Path(folder), listed, token, main_store) if script == "post" else ""
                    if script == "searches":
                        fresh = _searches_script(Path(folder))
                    if script == "lookup-writes":
                        fresh = _lookup_writes_script(Path(folder), listed, token, main_store)
                    if script == "item":
                        fresh = _item_script(Path(folder), listed)
                    if script == "mixed":
                        page = f"/api/v1/items?ordering=name&limit=50&cursor={cursor}"
                        fresh = _mixed_script(Path(folder), listed, page)
                    result = _wrk(target, clients, token, fresh or script)
                    cpu, database_cpu = _server_cpu(server) - cpu, _postgres_cpu() - database_cpu
                    requests = int(result["requests"]) or 1
                    if label.startswith("movement POST"):
                        posted_ok += requests - int(result["non2xx"])
                    rows.append(
                        [
                            label,
                            clients,
                            result["rps"],
                            result["p50"],
                            result["p99"],
                            f"{result['non2xx']} / {result['socket']}",
                            f"{cpu / requests * 1000:.2f}",
                            f"{database_cpu / requests * 1000:.2f}",
                        ]
                    )
    finally:
        server.terminate()
        server.wait(timeout=60)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print_table(
        f"bench api: {ITEMS:,} items on PostgreSQL, 2 workers, wrk {SECONDS} s a row, load {load}",
        [
            "request",
            "clients",
            "req/s",
            "p50",
            "p99",
            "non-2xx / socket errors",
            "server CPU ms/req",
            "PostgreSQL CPU ms/req",
        ],
        rows,
    )
    keyset_ms, offset_ms = _sql_ratio(url, deep_name, deep_key)
    print_table(
        f"deep page at position {DEEP:,}, SQL only (median of 5)",
        ["paging", "ms", "ratio"],
        [
            ["keyset (the API)", f"{keyset_ms:.2f}", "1"],
            ["OFFSET", f"{offset_ms:.1f}", f"{offset_ms / keyset_ms:,.0f}x"],
        ],
    )
    posted, keys = _ledger(url)
    differences = check.find_differences(open_database(url).uow())
    print_table(
        "movement POSTs with Idempotency-Key (one key each)",
        ["2xx answers", "movements posted", "keys stored", "doubled", "lost", "check"],
        [
            [
                posted_ok,
                posted - before_posted,
                keys - before_keys,
                (posted - before_posted) - (keys - before_keys),
                max(0, posted_ok - (posted - before_posted)),
                "ok" if not differences else f"{len(differences)} differ",
            ]
        ],
    )
