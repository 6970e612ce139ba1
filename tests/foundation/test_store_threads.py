"""The store serializes use of its DuckDB connection itself, so threads may share it."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import timeline as tl


def test_a_second_thread_waits_while_the_store_is_in_use():
    store = tl.datasets.open_store()
    done = threading.Event()

    def read() -> None:
        len(store)
        done.set()

    with store._lock:  # as if another thread were inside a query
        worker = threading.Thread(target=read)
        worker.start()
        assert not done.wait(0.3), "a second thread used the connection concurrently"
    assert done.wait(10)
    worker.join()


def test_threads_sharing_a_store_read_and_write_consistently():
    store = tl.EventStore()
    case = tl.datasets.load()
    n = len(case)

    def write(i: int) -> int:
        frame = case.assign(event_id=case["event_id"] + f"-{i}")
        return store.ingest(frame, format="table", name=f"copy {i}").added

    def read(_: int) -> int:
        return store.events_pl().height % n  # every snapshot holds whole copies

    with ThreadPoolExecutor(4) as pool:
        writes = [pool.submit(write, i) for i in range(6)]
        reads = [pool.submit(read, i) for i in range(24)]
        assert [w.result() for w in writes] == [n] * 6
        assert [r.result() for r in reads] == [0] * 24
    assert len(store) == 6 * n


def test_open_store_holds_the_bundled_case():
    store = tl.datasets.open_store("cairo-2014-01")
    assert len(store) == len(tl.datasets.load("cairo-2014-01"))
    assert store.path is None  # in memory: nothing written next to the package
