"""Documents handed to workers and their outputs taken back in manifest order, with few in flight.

A build's unit of work is one document (``work(spec, fmt, rule_set)``, a module-level function so that
it travels by name). Locally it runs in a pool of worker processes, each given the rule set once when
it starts; with ``scheduler`` (``tcp://HOST:PORT``) on a Dask cluster, the rule set scattered to every
worker once. Either way documents go in batches, a bounded number of batches is in flight, and the
outputs come back in manifest order, so the graph written is the same bytes wherever it was made.

>>> list(map_documents((), "ttl", 2, None, print))
[]
"""
from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from qgraph.errors import EndpointError
from qgraph.model import DocumentSpec

T = TypeVar("T")
Work = Callable[[DocumentSpec, str, Any], T]

IN_FLIGHT = 4     # batches per worker handed out ahead of the one being read
CONNECT_SECONDS = 10

_WORKER_RULES: list[Any] = []   # the rule set a worker process was started with


def _start_worker(rule_set: Any) -> None:
    _WORKER_RULES[:] = [rule_set]


def _batch_in_worker(work: Work[T], specs: Sequence[DocumentSpec], fmt: str) -> list[T]:
    return [work(spec, fmt, _WORKER_RULES[0]) for spec in specs]


def _batch(work: Work[T], specs: Sequence[DocumentSpec], fmt: str, rule_set: Any) -> list[T]:
    return [work(spec, fmt, rule_set) for spec in specs]


def batch_size(documents: int, workers: int) -> int:
    """Documents per batch: enough to make a round trip worth it, few enough to spread the corpus.

    >>> batch_size(5, 2), batch_size(1000, 2), batch_size(100_000, 2)
    (1, 8, 8)
    """
    return max(1, min(8, documents // (workers * 8)))


def _in_order(submit: Callable[[Sequence[DocumentSpec]], Any], specs: Sequence[DocumentSpec],
              size: int, window: int) -> Iterator[T]:
    pending: deque[Any] = deque()
    batches = (specs[i:i + size] for i in range(0, len(specs), size))
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def map_documents(specs: Sequence[DocumentSpec], fmt: str, workers: int | None, rule_set: Any, work: Work[T],
                  scheduler: str | None = None) -> Iterator[T]:
    """``work`` over every document, outputs in manifest order: in this process for a small corpus,
    else in worker processes (``workers``, default the cores up to 4), or on the Dask cluster at
    ``scheduler``."""
    if scheduler:
        yield from _on_dask(specs, fmt, rule_set, scheduler, work)
        return
    workers = workers or min(os.cpu_count() or 1, 4)
    if workers <= 1 or len(specs) < 2 * workers:
        yield from (work(spec, fmt, rule_set) for spec in specs)
        return
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(rule_set,))
    try:
        yield from _in_order(lambda batch: pool.submit(_batch_in_worker, work, batch, fmt), specs,
                             batch_size(len(specs), workers), workers * IN_FLIGHT)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def connect(scheduler: str) -> Any:
    """A Dask client of the scheduler at ``scheduler``; EndpointError QG507 when it cannot be reached."""
    from distributed import Client  # lazy: start-up time

    try:
        return Client(scheduler, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise EndpointError("QG507", f"the Dask scheduler {scheduler} cannot be reached ({reason})") from None


def _on_dask(specs: Sequence[DocumentSpec], fmt: str, rule_set: Any, scheduler: str, work: Work[T]) -> Iterator[T]:
    client = connect(scheduler)
    try:
        workers = max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()))
        rules = client.scatter(rule_set, broadcast=True)
        yield from _in_order(lambda batch: client.submit(_batch, work, batch, fmt, rules, pure=False), specs,
                             batch_size(len(specs), workers), workers * IN_FLIGHT)
    finally:
        client.close()
