"""Load generator for `samla serve`: CLIENTS concurrent keep-alive HTTP/1.1 connections on
loopback POST TOTAL valid responses to /api/responses, each with its own response id, as fast
as the server answers. Raw sockets through asyncio (no client library between us and the
server), split over PROCESSES processes so the generator is not the bottleneck on one core.

Prints one JSON line: responses, seconds, responses_per_second, p50_ms, p99_ms, max_ms, statuses.
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


async def client(host, port, path, queue, latencies, statuses, rng):
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while True:
            try:
                queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            body = json.dumps({"id": str(uuid.uuid4()), "answers": answers(rng)}).encode()
            request = (f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
                       f"Content-Length: {len(body)}\r\n\r\n").encode() + body
            started = time.perf_counter()
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


def run_process(host, port, path, clients, total, seed, start_at, out):
    async def main():
        queue = asyncio.Queue()
        for _ in range(total):
            queue.put_nowait(None)
        latencies, statuses = [], {}
        rng = random.Random(seed)
        while time.time() < start_at:
            await asyncio.sleep(0.001)
        await asyncio.gather(*(client(host, port, path, queue, latencies, statuses, rng) for _ in range(clients)))
        return latencies, statuses
    began = time.perf_counter()
    latencies, statuses = asyncio.run(main())
    out.put((latencies, statuses, time.perf_counter() - began))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url", help="http://127.0.0.1:PORT")
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--total", type=int, default=20000)
    parser.add_argument("--processes", type=int, default=2)
    arguments = parser.parse_args()
    hostport = arguments.url.split("//", 1)[1].rstrip("/")
    host, port = hostport.rsplit(":", 1)
    out = multiprocessing.Queue()
    start_at = time.time() + 1.0
    workers = []
    for index in range(arguments.processes):
        clients = arguments.clients // arguments.processes + (1 if index < arguments.clients % arguments.processes else 0)
        total = arguments.total // arguments.processes + (1 if index < arguments.total % arguments.processes else 0)
        worker = multiprocessing.Process(target=run_process, args=(host, int(port), "/api/responses", clients, total, index + 1, start_at, out))
        worker.start()
        workers.append(worker)
    latencies, statuses, seconds = [], {}, 0.0
    for _ in workers:
        part, part_statuses, part_seconds = out.get()
        latencies += part
        for status, count in part_statuses.items():
            statuses[status] = statuses.get(status, 0) + count
        seconds = max(seconds, part_seconds - 1.0)
    for worker in workers:
        worker.join()
    latencies.sort()

    def percentile(p):
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000, 1) if latencies else None

    print(json.dumps({
        "responses": len(latencies), "seconds": round(seconds, 2),
        "responses_per_second": round(len(latencies) / seconds) if seconds > 0 else None,
        "p50_ms": percentile(0.50), "p99_ms": percentile(0.99), "max_ms": percentile(1.0),
        "clients": arguments.clients, "statuses": {str(k): v for k, v in sorted(statuses.items())},
    }))


if __name__ == "__main__":
    main()
