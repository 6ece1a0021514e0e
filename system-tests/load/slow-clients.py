#!/usr/bin/env python3
"""Slow clients (slowloris) against the gateway: a benchmark helper, not a test.

Keeps COUNT connections per kind trickling a request, one piece every INTERVAL seconds, and opens a
new one whenever the gateway closes one (a persistent attacker), for DURATION seconds:
  * headers: a GET whose header lines come one at a time and never end;
  * bodies:  a POST /v1/consents with a valid token and a 500-byte Content-Length whose body comes a
             byte at a time (the issue's "one byte every 3 s").
Connections come from loopback source addresses SOURCES (127.0.0.2-127.0.0.9 by default: the normal
traffic of wrk comes from 127.0.0.1), so the per-address cap sees a spread attack. Prints, every 5 s,
how many are open, and at the end how long the gateway let them live.
Settings (environment): GATEWAY_URL (http://127.0.0.1:8080), TOKEN (a bearer token for the bodies),
COUNT (200 per kind), INTERVAL (3), DURATION (60), SOURCES (comma list or a.b.c.x-y range).
"""
import asyncio
import os
import statistics
import sys
import time
from urllib.parse import urlparse

url = urlparse(os.environ.get("GATEWAY_URL", "http://127.0.0.1:8080"))
HOST, PORT = url.hostname, url.port or 80
TOKEN = os.environ.get("TOKEN", "")
COUNT = int(os.environ.get("COUNT", "200"))
INTERVAL = float(os.environ.get("INTERVAL", "3"))
DURATION = float(os.environ.get("DURATION", "60"))


def sources():
    spec = os.environ.get("SOURCES", "127.0.0.2-9")
    if "-" in spec:
        prefix, last = spec.rsplit(".", 1)
        low, high = last.split("-")
        return [f"{prefix}.{i}" for i in range(int(low), int(high) + 1)]
    return spec.split(",")


HEADS = {
    "headers": b"GET /api/consent/v1/whoami HTTP/1.1\r\nHost: gateway\r\n",
    "bodies": (
        "POST /api/consent/v1/consents HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer "
        + TOKEN
        + "\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"
    ).encode(),
}
PIECES = {"headers": b"X-Slow: 1\r\n", "bodies": b" "}
live = {"headers": 0, "bodies": 0}
lifetimes = {"headers": [], "bodies": []}
opened = {"headers": 0, "bodies": 0}


async def one(kind, source, deadline):
    while time.monotonic() < deadline:
        try:
            reader, writer = await asyncio.open_connection(HOST, PORT, local_addr=(source, 0))
        except OSError:
            await asyncio.sleep(1)
            continue
        opened[kind] += 1
        live[kind] += 1
        start = time.monotonic()
        closed = asyncio.ensure_future(reader.read())  # whatever the gateway answers, then EOF
        try:
            writer.write(HEADS[kind])
            await writer.drain()
            while time.monotonic() < deadline and not closed.done():
                await asyncio.wait([closed], timeout=INTERVAL)
                if not closed.done():
                    writer.write(PIECES[kind])
                    await writer.drain()
        except OSError:
            pass
        finally:
            live[kind] -= 1
            if closed.done():
                lifetimes[kind].append(time.monotonic() - start)
            closed.cancel()
            writer.close()


async def report(deadline):
    while time.monotonic() < deadline:
        await asyncio.sleep(5)
        print(
            f"slow-clients: open {live['headers']} header / {live['bodies']} body tricklers "
            f"(opened {opened['headers']} / {opened['bodies']})",
            file=sys.stderr,
            flush=True,
        )


async def main():
    deadline = time.monotonic() + DURATION
    addresses = sources()
    tasks = [
        one(kind, addresses[i % len(addresses)], deadline)
        for kind in ("headers", "bodies")
        for i in range(COUNT)
    ]
    await asyncio.gather(report(deadline), *tasks)
    for kind in ("headers", "bodies"):
        held = lifetimes[kind]
        if held:
            print(
                f"slow-clients: {kind}: {opened[kind]} connections, {len(held)} closed by the "
                f"gateway, held median {statistics.median(held):.1f} s, max {max(held):.1f} s"
            )
        else:
            print(f"slow-clients: {kind}: {opened[kind]} connections, none closed by the gateway")


asyncio.run(main())
