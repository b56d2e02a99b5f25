"""How much the local server adds to an answer, and how soon it answers after starting.

1. A 2,000-delta answer read straight from the model endpoint (the ``openai`` client against
   the fake OpenAI server) against the same answer through ``chatkit-desktop serve`` (ChatKit
   protocol over SSE): wall time ratio, the time added before the first delta, and the longest
   pause between two deltas, and how many events carried the text through the server. Unpaced
   (the endpoint sends as fast as it can, so every cost of ours shows) and paced (1 ms between
   deltas, still faster than any real model). Both readers keep one connection across
   answers, as the server's ``openai`` client and the page do, and check the text is whole.
2. The time added before the first delta over many short answers, median and 95th percentile:
   what a person waits for on every message.
3. Process start → first ``threads.list`` answer from ``serve``, against the same process
   start → the interpreter printing a line, in the same run.

Run from the repository root: ``python -m bench.stream [--rounds N]``.
"""

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from openai import AsyncOpenAI

from testing.fake_openai.openai_server import FakeOpenAIServer

DELTAS = 2_000
API_KEY = "sk-bench-not-a-secret"
SHORT_ROUNDS = 40
SHORT_DELTAS = 20


@dataclass(frozen=True)
class Timing:
    first_delta: float
    total: float
    longest_pause: float
    """The longest wait between two deltas: a stop of the server's process shows here."""
    events: int
    """How many events carried the text: the server joins deltas that queued up."""


class DeltaClock:
    """Started at the request; told of each delta as the reader sees it."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.first: float | None = None
        self.last: float | None = None
        self.longest_pause = 0.0
        self.events = 0

    def delta(self) -> None:
        now = time.perf_counter()
        self.events += 1
        if self.first is None:
            self.first = now - self.started
        if self.last is not None:
            self.longest_pause = max(self.longest_pause, now - self.last)
        self.last = now

    def timing(self) -> Timing:
        return Timing(
            self.first or 0.0, time.perf_counter() - self.started, self.longest_pause, self.events
        )


async def read_directly(client: AsyncOpenAI, answer: str) -> Timing:
    clock = DeltaClock()
    stream = await client.chat.completions.create(
        model="bench", messages=[{"role": "user", "content": "go"}], stream=True
    )
    text = ""
    async for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            clock.delta()
            text += chunk.choices[0].delta.content
    assert text == answer, "the answer arrived incomplete"
    return clock.timing()


async def read_through_server(client: httpx.AsyncClient, answer: str) -> Timing:
    """One answer over ``client``'s kept-alive connection, as the page reads them."""
    body = {
        "type": "threads.create",
        "params": {
            "input": {
                "content": [{"type": "input_text", "text": "go"}],
                "attachments": [],
                "inference_options": {},
            }
        },
    }
    clock = DeltaClock()
    text = ""
    async with client.stream("POST", "/chatkit", json=body) as response:
        async for line in response.aiter_lines():
            if "text_delta" in line:
                clock.delta()
                text += json.loads(line.removeprefix("data: "))["update"]["delta"]
    assert text == answer, "the answer arrived incomplete"
    return clock.timing()


def start_serve(data_dir: Path, env: dict[str, str]) -> tuple[subprocess.Popen[str], str, str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", "serve", "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
    )
    assert process.stdout is not None
    address = process.stdout.readline().strip()
    url, _, token = address.partition("/#token=")
    return process, url, token


def stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    process.wait(timeout=30)


def wait_for_threads_list(url: str, token: str) -> None:
    body = {"type": "threads.list", "params": {"limit": 20, "order": "desc"}}
    headers = {"Authorization": f"Bearer {token}"}
    while True:
        try:
            if httpx.post(f"{url}/chatkit", json=body, headers=headers).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.005)


def startup_round(data_dir: Path) -> tuple[float, float]:
    started = time.perf_counter()
    process, url, token = start_serve(data_dir, {})
    wait_for_threads_list(url, token)
    to_history = time.perf_counter() - started
    stop(process)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "print('ready')"], check=True, capture_output=True)
    return to_history, time.perf_counter() - started


def median(values: list[float]) -> float:
    return statistics.median(values)


def added_to_first_delta(direct: list[Timing], served: list[Timing]) -> list[float]:
    return [s.first_delta - d.first_delta for d, s in zip(direct, served, strict=True)]


def report_stream(label: str, direct: list[Timing], served: list[Timing]) -> None:
    direct_total = median([t.total for t in direct])
    served_total = median([t.total for t in served])
    added_first = median(added_to_first_delta(direct, served))
    print(
        f"{label:<32} {direct_total * 1000:6.0f} ms {served_total * 1000:6.0f} ms "
        f"{served_total / direct_total:6.2f}x {added_first * 1000:9.1f} ms "
        f"{max(t.longest_pause for t in direct) * 1000:7.1f} ms "
        f"{max(t.longest_pause for t in served) * 1000:7.1f} ms "
        f"{median([t.events for t in served]):7.0f}"
    )


def report_first_deltas(direct: list[Timing], served: list[Timing]) -> None:
    added = sorted(added_to_first_delta(direct, served))
    p95 = added[min(len(added) - 1, round(0.95 * (len(added) - 1)))]
    print(
        f"\nadded before the first delta, {len(added)} answers of {SHORT_DELTAS} deltas: "
        f"median {median(added) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
        f"worst {added[-1] * 1000:.1f} ms"
    )


async def stream_rounds(
    rounds: int, deltas: int, delta_delay: float, data_dir: Path
) -> tuple[list[Timing], list[Timing]]:
    """The same answer straight from the endpoint and through the server, alternately."""
    answer = " ".join(f"w{n}" for n in range(deltas))
    with FakeOpenAIServer() as fake:
        env = {"OPENAI_BASE_URL": fake.base_url, "OPENAI_API_KEY": API_KEY}
        process, url, token = start_serve(data_dir, env)
        headers = {"Authorization": f"Bearer {token}"}
        try:
            wait_for_threads_list(url, token)
            async with (
                AsyncOpenAI(base_url=fake.base_url, api_key=API_KEY, max_retries=0) as model,
                httpx.AsyncClient(base_url=url, headers=headers, timeout=120) as server,
            ):
                # Warmed up, so that every measured answer runs on a kept-alive connection.
                fake.reply("warm up")
                await read_directly(model, "warm up")
                fake.reply("warm up")
                await read_through_server(server, "warm up")
                direct: list[Timing] = []
                served: list[Timing] = []
                for _ in range(rounds):
                    fake.reply(answer, deltas=deltas, delta_delay=delta_delay)
                    direct.append(await read_directly(model, answer))
                    fake.reply(answer, deltas=deltas, delta_delay=delta_delay)
                    served.append(await read_through_server(server, answer))
        finally:
            stop(process)
    return direct, served


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["XDG_CONFIG_HOME"] = str(Path(scratch) / "config")
        print(
            f"{'answer':<32} {'direct':>9} {'via server':>9} {'ratio':>7} {'+first delta':>12} "
            f"{'longest pause, direct / via server':>20} {'events via server':>8}"
        )
        for delay in (0.0, 0.001):
            label = "unpaced" if not delay else f"paced {delay * 1000:g} ms/delta"
            direct, served = asyncio.run(
                stream_rounds(args.rounds, DELTAS, delay, Path(scratch) / f"data-{delay}")
            )
            report_stream(f"{DELTAS} deltas, {label}", direct, served)
        direct, served = asyncio.run(
            stream_rounds(SHORT_ROUNDS, SHORT_DELTAS, 0.001, Path(scratch) / "data-short")
        )
        report_first_deltas(direct, served)
        timings = [startup_round(Path(scratch) / "startup") for _ in range(args.rounds)]
        history = median([t[0] for t in timings])
        interpreter = median([t[1] for t in timings])
        print(
            f"\nstart → first threads.list: {history * 1000:.0f} ms "
            f"(bare interpreter start → print: {interpreter * 1000:.0f} ms, "
            f"ratio {history / interpreter:.1f}x), median of {args.rounds}"
        )


if __name__ == "__main__":
    main()
