"""Load generator for `samla serve`: CLIENTS concurrent keep-alive HTTP/1.1 connections on
loopback POST TOTAL valid responses to /api/responses, each with its own response id. Raw sockets
through asyncio (no client library between us and the server), split over PROCESSES processes so
the generator is not the bottleneck on one core.

Two modes:
- closed loop (no --rate): each connection posts again as soon as it is answered. This measures
  the saturation throughput; its latency is only CLIENTS / throughput (Little's law), since the
  clients wait for the server rather than the other way round.
- paced (--rate R): open loop, the n-th response is due at start + n / R, whatever the server
  does. Latency is measured from that scheduled time, not from when a free connection got to
  send it, so a server that falls behind shows as growing latency instead of a slower generator
  (no coordinated omission). This is how a room feels: people press Submit when they are done.

Prints one JSON line: mode, offered_per_second, responses, seconds, responses_per_second, p50_ms,
p99_ms, max_ms, clients, statuses.
"""
import argparse
import asyncio
import json
import multiprocessing
import random
import time
import uuid


def answers(rng):
    """A valid answer set for surveys/tnc-workshop.yaml, varied like a room's."""
    roles = ["municipality", "region", "agency", "academia", "business", "civil-society"]
    focus = ["scale-up", "skills", "housing", "mobility", "energy", "attractiveness"]
    involvement = ["contact", "information", "activities", "conversations"]
    chosen = {
        "role": rng.choice(roles),
        "city": rng.choice(["umea", "sundsvall", "ornskoldsvik", "lulea", "ostersund"]),
        "focus": rng.sample(focus, rng.randint(1, 3)),
        "involvement": rng.sample(involvement, rng.randint(1, 2)),
        "collaboration": rng.randint(1, 5),
    }
    if chosen["collaboration"] >= 3:
        chosen["entry-point"] = rng.choice(["yes", "maybe", "no"])
    if rng.random() < 0.3:
        chosen["similar"] = rng.choice(["Smart city-projekt i Skellefteå", "Norrbottens innovationsråd", "Nej"])
    return chosen


async def client(host, port, path, connection, queue, latencies, statuses, rng):
    """Posts responses on an open connection until the queue is empty. Each queue item is the
    response's scheduled time (perf_counter seconds) when paced, None in the closed loop."""
    reader, writer = connection
    try:
        while True:
            try:
                due = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            if due is not None:
                wait = due - time.perf_counter()
                if wait > 0:
                    await asyncio.sleep(wait)
            body = json.dumps({"id": str(uuid.uuid4()), "answers": answers(rng)}).encode()
            request = (f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
                       f"Content-Length: {len(body)}\r\n\r\n").encode() + body
            started = time.perf_counter() if due is None else due
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            if length:
                await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            statuses[status] = statuses.get(status, 0) + 1
    finally:
        writer.close()


def run_process(host, port, path, clients, total, rate, offset, seed, start_at, out):
    """One process's share: CLIENTS connections, TOTAL responses; when paced, RATE responses/s
    starting OFFSET seconds after the common start (the processes' schedules interleave)."""
    async def main():
        latencies, statuses = [], {}
        rng = random.Random(seed)
        # Connections are opened before the clock starts, so the schedule measures answers only.
        connections = [await asyncio.open_connection(host, port) for _ in range(clients)]
        while time.time() < start_at:
            await asyncio.sleep(0.001)
        began = time.perf_counter()
        queue = asyncio.Queue()
        for index in range(total):
            queue.put_nowait(None if rate is None else began + offset + index / rate)
        await asyncio.gather(*(client(host, port, path, connection, queue, latencies, statuses, rng)
                               for connection in connections))
        return latencies, statuses, time.perf_counter() - began
    out.put(asyncio.run(main()))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url", help="http://127.0.0.1:PORT")
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--total", type=int, default=20000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--rate", type=float, default=None,
                        help="offered responses/s (paced, open loop); omitted: closed loop, as fast as answered")
    arguments = parser.parse_args()
    hostport = arguments.url.split("//", 1)[1].rstrip("/")
    host, port = hostport.rsplit(":", 1)
    out = multiprocessing.Queue()
    start_at = time.time() + 2.0  # every process connected by then
    workers = []
    for index in range(arguments.processes):
        clients = arguments.clients // arguments.processes + (1 if index < arguments.clients % arguments.processes else 0)
        total = arguments.total // arguments.processes + (1 if index < arguments.total % arguments.processes else 0)
        rate = None if arguments.rate is None else arguments.rate / arguments.processes
        offset = 0.0 if arguments.rate is None else index / arguments.rate
        worker = multiprocessing.Process(target=run_process, args=(host, int(port), "/api/responses", clients, total, rate, offset, index + 1, start_at, out))
        worker.start()
        workers.append(worker)
    latencies, statuses, seconds = [], {}, 0.0
    for _ in workers:
        part, part_statuses, part_seconds = out.get()
        latencies += part
        for status, count in part_statuses.items():
            statuses[status] = statuses.get(status, 0) + count
        seconds = max(seconds, part_seconds)
    for worker in workers:
        worker.join()
    latencies.sort()

    def percentile(p):
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000, 1) if latencies else None

    print(json.dumps({
        "mode": "closed" if arguments.rate is None else "paced",
        "offered_per_second": arguments.rate,
        "responses": len(latencies), "seconds": round(seconds, 2),
        "responses_per_second": round(len(latencies) / seconds) if seconds > 0 else None,
        "p50_ms": percentile(0.50), "p99_ms": percentile(0.99), "max_ms": percentile(1.0),
        "clients": arguments.clients, "statuses": {str(k): v for k, v in sorted(statuses.items())},
    }))


if __name__ == "__main__":
    main()
