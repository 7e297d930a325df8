"""`copylint batch` on real Dask clusters over loopback: a LocalCluster of worker processes, and
a scheduler and two workers started with the `dask` command. Findings equal `copylint check`'s;
bad items are records, not failures; a killed run resumed writes what an uninterrupted one does;
fsspec's memory filesystem stands in for an object store."""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, TESTS

distributed = pytest.importorskip("distributed", reason="copylint batch needs the dask extra")
pq = pytest.importorskip("pyarrow.parquet")

from test_multistory import FINDINGS as STORY_FINDINGS  # noqa: E402

from copylint.batch.driver import execute, make_plan, run_batch  # noqa: E402
from copylint.batch.output import OutputTarget  # noqa: E402
from copylint.batch.settings import BatchSettings  # noqa: E402
from copylint.config import Config  # noqa: E402

STORIES = FIXTURES / "stories"
FIELDS = ("path", "line", "column", "end_line", "end_column", "rule", "severity", "message")
COPYLINT = [sys.executable, "-m", "copylint"]


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes (one thread each) on 127.0.0.1; (client, scheduler address)."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=":0",
                                  silence_logs=logging.ERROR) as local, \
            distributed.Client(local) as client:
        yield client, local.scheduler_address


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    """Single-story files of every format, broken and clean stories: 61 files."""
    root = tmp_path_factory.mktemp("tree")
    shutil.copytree(TESTS / "corpus", root / "corpus")
    shutil.copytree(FIXTURES / "formats", root / "formats")
    shutil.copy(FIXTURES / "broken-story.txt", root / "broken-story.txt")
    return root


def records(output: Path) -> list[dict]:
    """Every record of a batch output directory (JSON Lines or Parquet)."""
    if output.suffix == ".parquet":
        rows = pq.read_table(sorted(output.glob("part-*.parquet"))).to_pylist()
        return [{k: v for k, v in row.items() if v is not None} for row in rows]
    return [json.loads(line) for part in sorted(output.glob("part-*.jsonl"))
            for line in part.read_text("utf-8").splitlines()]


def key(finding: dict) -> tuple:
    return (*(finding[f] for f in FIELDS), tuple(finding["suggestions"]))


def check_findings(cli, *paths, files: int | None = None) -> set[tuple]:
    """The findings of `copylint check` (which must have checked `files` files)."""
    run = cli("check", "--format", "json", "--fail-on", "never", "-j", "1", *paths)
    assert run.code == 0, run.err
    if files is not None:
        assert run.summary["files_checked"] == files
    return {key(f) for f in run.findings}


def batch(cli, scheduler: str, output: Path, *arguments):
    return cli("batch", *arguments, "--output", output, "--scheduler", scheduler)


@pytest.mark.parametrize("extension", [".jsonl", ".parquet"])
def test_findings_equal_copylint_check(cli, cluster, tree, tmp_path, extension) -> None:
    output = tmp_path / f"findings{extension}"
    run = batch(cli, cluster[1], output, tree, "--partition-size", "7")
    assert run.code == 0, run.err
    found = records(output)
    assert all("error" not in r for r in found)
    expected = check_findings(cli, tree, files=61)
    assert len(expected) > 300
    assert {key(r) for r in found} == expected
    assert len(found) == len(expected)
    assert {r["story"] for r in found} == {r["path"] for r in found}
    assert len(list(output.glob("part-*.summary.json"))) == 9  # 61 files, 7 a partition
    summary = json.loads((output / "_summary.json").read_text())
    assert (summary["files"], summary["stories"], summary["findings"], summary["errors"]) == (
        61, 61, len(expected), 0)
    assert sum(summary["by_rule"].values()) == sum(summary["by_severity"].values()) == len(found)
    assert "61 stories of 61 files; 9 partitions" in run.err


def test_multi_story_files_are_split_with_findings_at_true_lines(cli, cluster, tmp_path) -> None:
    output = tmp_path / "stories.jsonl"
    run = batch(cli, cluster[1], output, STORIES)
    assert run.code == 2  # one item of feed.jsonl is broken
    found = records(output)
    story_findings = {(r["story"].rpartition("/")[2], r["line"], r["column"], r["end_column"],
                       r["rule"]) for r in found if "rule" in r}
    assert story_findings == {f for findings in STORY_FINDINGS.values() for f in findings}
    assert {r["path"] for r in found} == {str(STORIES / name) for name in STORY_FINDINGS}
    summary = json.loads((output / "_summary.json").read_text())
    assert (summary["files"], summary["stories"], summary["errors"]) == (4, 12, 1)


def test_bad_items_are_error_records_and_the_rest_is_checked(cli, cluster, tmp_path) -> None:
    source = tmp_path / "feed"
    source.mkdir()
    shutil.copy(STORIES / "feed.jsonl", source / "feed.jsonl")
    (source / "latin1.txt").write_bytes(b"The caf\xe9 opened on Monday.\n")
    (source / "cut.7901").write_bytes(b"\x01a0001 r i BC-Cut\r\n\x02Headline\r\n\tText cut off")
    shutil.copy(FIXTURES / "broken-story.txt", source / "story.txt")
    output = tmp_path / "out.jsonl"
    run = batch(cli, cluster[1], output, source, "--partition-size", "2")
    assert run.code == 2
    errors = sorted((r["path"].rpartition("/")[2], r["story"].rpartition("/")[2], r["error"]
                     .replace(str(source) + "/", "")) for r in records(output) if "error" in r)
    assert errors == [
        ("cut.7901", "cut.7901", "cut.7901:2: the text opened here by STX (0x02) has no ETX "
                                 "(0x03): the message is truncated"),
        ("feed.jsonl", "feed.jsonl#3", "feed.jsonl#3:4: JSON is not valid: Invalid control "
                                       "character at (column 89)"),
        ("latin1.txt", "latin1.txt", "latin1.txt:1: not valid UTF-8 at byte 7 (0xe9); name its "
                                     "encoding with --encoding (e.g. cp1252) or use --encoding "
                                     "auto")]
    story = {key(r) for r in records(output) if r["path"].endswith("story.txt")}
    assert story == check_findings(cli, source / "story.txt")
    assert any(k[5] == "names.misspelled" for k in story)
    summary = json.loads((output / "_summary.json").read_text())
    assert (summary["files"], summary["stories"], summary["errors"]) == (4, 7, 3)
    assert summary["partitions_failed"] == []
    assert "could not be checked" in run.err and "not valid UTF-8" in run.err


def _fill_memory(files: dict[str, bytes]) -> int:
    """Put files into this process's fsspec memory filesystem (run on every worker)."""
    import fsspec

    fs = fsspec.filesystem("memory")
    for path, data in files.items():
        fs.pipe(path, data)
    return len(files)


def test_memory_filesystem_stands_in_for_an_object_store(cli, cluster, tmp_path) -> None:
    client, _ = cluster
    local = {path.name: path.read_bytes() for path in (FIXTURES / "formats").iterdir()}
    local["wire.7901"] = (STORIES / "wire.7901").read_bytes()
    local["notes.tsv"] = b"not\ta\tstory\n"  # not a format copylint reads: not listed
    files = {f"/archive/2024/{name}": data for name, data in local.items()}
    _fill_memory(files)  # the client lists the bucket; the workers read it
    assert set(client.run(_fill_memory, files).values()) == {len(files)}
    output = tmp_path / "memory.jsonl"
    result = run_batch(client, ["memory://archive/2024"], str(output),
                       BatchSettings(Config()), partition_size=3)
    assert (result.counts.files, result.counts.stories, result.errors) == (8, 10, 0)
    found = records(output)
    assert {r["path"] for r in found} == {f"memory:///archive/2024/{name}" for name in local
                                         if name != "notes.tsv"}
    copy = tmp_path / "copy"
    copy.mkdir()
    for name, data in local.items():
        (copy / name).write_bytes(data)
    expected = {(k[0].rpartition("/")[2], *k[1:]) for k in check_findings(cli, *sorted(
        copy.glob("story.*")))}
    assert {(k[0].rpartition("/")[2], *k[1:]) for k in map(key, found)
            if "/story." in k[0]} == expected
    wire = {(r["story"].rpartition("/")[2], r["line"], r["column"], r["end_column"], r["rule"])
            for r in found if r["path"].endswith("wire.7901")}
    assert wire == set(STORY_FINDINGS["wire.7901"])
    globbed = run_batch(client, ["memory://archive/2024/*.7901"], str(tmp_path / "glob.jsonl"),
                        BatchSettings(Config()))
    assert (globbed.counts.files, globbed.counts.stories) == (2, 4)


DESK_PACK = """\
pack: desk
description: A desk's own rule, for the test.
rules:
  - id: slammed
    kind: pattern
    severity: warning
    message: "Avoid “{match}” in news copy."
    description: Headline verbs like slam editorialize; say what was said instead.
    pattern: '\\bslam(?:s|med)?\\b'
    examples:
      flag: ["The senator [[slammed]] the plan."]
      clean: ["The senator criticized the plan."]
"""


def test_rule_and_vocabulary_files_travel_to_the_workers(cluster, tmp_path) -> None:
    """Workers that do not have the --rules and --vocab files get the client's copies."""
    desk = tmp_path / "desk-rules"
    desk.mkdir()
    (desk / "desk.yaml").write_text(DESK_PACK, "utf-8")
    vocab = tmp_path / "names.txt"
    vocab.write_text("!Zelenskyy -> Zelensky\n", "utf-8")
    story = tmp_path / "stories" / "senate.txt"
    story.parent.mkdir()
    story.write_text("The senator slammed the plan on Monday, and Zelenskyy agreed.\n", "utf-8")
    settings = BatchSettings.create(Config(rules=[desk], vocab=[vocab]))
    shutil.rmtree(desk)
    vocab.unlink()  # only the settings hold them now
    output = tmp_path / "desk.jsonl"
    result = run_batch(cluster[0], [str(story.parent)], str(output), settings)
    assert result.errors == 0
    assert [(r["rule"], r["column"], r["suggestions"]) for r in records(output)] == [
        ("desk.slammed", 13, []), ("names.misspelled", 45, ["Zelensky"])]


def test_languagetool_server_is_asked_from_the_workers(cluster, tmp_path) -> None:
    from lt_fake_server import FakeLanguageTool

    story = tmp_path / "stories" / "council.txt"
    story.parent.mkdir()
    story.write_text("The council bought a apple. The the council met on Tuesday.\n", "utf-8")
    config = Config(languagetool={"cache_dir": str(tmp_path / "cache")})
    with FakeLanguageTool() as server:
        result = run_batch(cluster[0], [str(story.parent)], str(tmp_path / "lt.jsonl"),
                           BatchSettings.create(config, languagetool=server.url))
        assert server.checks, "the workers sent the text to the server"
    assert result.errors == 0
    assert [(r["line"], r["column"], r["rule"], r["suggestions"])
            for r in records(tmp_path / "lt.jsonl")] == [
        (1, 20, "languagetool/EN_A_VS_AN", ["an"]), (1, 29, "garble.doubled-word", ["The"])]


def test_a_local_languagetool_is_refused(cli, tmp_path) -> None:
    run = cli("batch", FIXTURES / "formats", "-o", tmp_path / "o.jsonl", "--workers", "1",
              "--config", _write(tmp_path / "lt.yaml", "languagetool: true\n"))
    assert run.code == 2 and "LanguageTool needs a server every worker can reach" in run.err


def _write(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path


def _wait_for(condition, timeout: float = 60.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def test_scheduler_and_two_workers_started_with_the_dask_command(cli, tree, tmp_path) -> None:
    dask = shutil.which("dask", path=str(Path(sys.executable).parent)) or shutil.which("dask")
    assert dask, "the dask command comes with dask[distributed]"
    scheduler_file = tmp_path / "scheduler.json"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    processes = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", "0",
                                   "--dashboard-address", ":0", "--scheduler-file",
                                   str(scheduler_file)], **quiet)]
    try:
        _wait_for(scheduler_file.exists, what="the scheduler file")
        _wait_for(lambda: "address" in scheduler_file.read_text() and json.loads(
            scheduler_file.read_text()).get("address"), what="the scheduler's address")
        address = json.loads(scheduler_file.read_text())["address"]
        for _ in range(2):
            processes.append(subprocess.Popen(
                [dask, "worker", address, "--nthreads", "1", "--host", "127.0.0.1",
                 "--no-dashboard", "--no-nanny"], **quiet))
        with distributed.Client(address) as client:
            client.wait_for_workers(2, timeout=60)
            assert len(client.scheduler_info()["workers"]) == 2
        output = tmp_path / "dask.jsonl"
        done = subprocess.run([*COPYLINT, "batch", str(tree), "--output", str(output),
                               "--scheduler", address, "--partition-size", "10"],
                              capture_output=True, text=True, timeout=120, cwd=REPO)
        assert done.returncode == 0, done.stderr
        assert f"on {address}; dashboard: http://127.0.0.1:" in done.stderr
        assert {key(r) for r in records(output)} == check_findings(cli, tree, files=61)
        assert len(list(output.glob("part-*.summary.json"))) == 7  # 61 files, 10 a partition
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def test_resume_after_a_killed_run_writes_the_same_output(cli, cluster, tree, tmp_path) -> None:
    reference = tmp_path / "reference.jsonl"
    assert batch(cli, cluster[1], reference, tree, "--partition-size", "1").code == 0
    output = tmp_path / "killed.jsonl"
    run = subprocess.Popen([*COPYLINT, "batch", str(tree), "--output", str(output), "--workers",
                            "1", "--partition-size", "1", "--dashboard-address", ":0"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO,
                           start_new_session=True)
    try:
        _wait_for(lambda: any(output.glob("part-*.summary.json")) or run.poll() is not None,
                  timeout=120, what="the first partition")
    finally:
        os.killpg(run.pid, signal.SIGKILL)  # the command, its cluster and its workers
        run.wait()
    complete = len(list(output.glob("part-*.summary.json")))
    assert 0 < complete < 61, "the run was to be killed mid-way"
    assert not (output / "_summary.json").exists()
    refused = batch(cli, cluster[1], output, tree, "--partition-size", "1")
    assert refused.code == 2 and "--resume to finish it" in refused.err
    resumed = batch(cli, cluster[1], output, tree, "--partition-size", "1", "--resume")
    assert resumed.code == 0, resumed.err
    assert f"({complete} complete before this run)" in resumed.err
    assert sorted(p.name for p in output.iterdir()) == sorted(p.name for p in reference.iterdir())
    for part in sorted(reference.iterdir()):
        assert (output / part.name).read_bytes() == part.read_bytes(), part.name


def test_resume_refuses_the_output_of_other_settings(cli, cluster, tree, tmp_path) -> None:
    output = tmp_path / "out.jsonl"
    assert batch(cli, cluster[1], output, tree / "formats").code == 0
    other = batch(cli, cluster[1], output, tree / "formats", "--house", "reuters", "--resume")
    assert other.code == 2
    assert "was written for other files, partitions or settings" in other.err
    assert not any(r["rule"].startswith("reuters.") for r in records(output))
    again = batch(cli, cluster[1], output, tree / "formats", "--house", "reuters", "--overwrite")
    assert again.code == 0
    rules = {r["rule"] for r in records(output)}
    assert "reuters.names" in rules and "ap.us" not in rules


def test_output_inside_a_source_folder_is_not_read_back(cli, cluster, tmp_path) -> None:
    shutil.copytree(FIXTURES / "formats", tmp_path / "desk")
    output = tmp_path / "desk" / "audit.jsonl"
    first = batch(cli, cluster[1], output, tmp_path / "desk")
    again = batch(cli, cluster[1], output, tmp_path / "desk", "--resume")
    assert (first.code, again.code) == (0, 0)
    assert "stories of 7 files; 1 partitions (1 complete before this run)" in again.err


def test_a_partition_whose_worker_dies_is_run_again(cluster, tree, tmp_path) -> None:
    client, _ = cluster
    settings = BatchSettings(Config())
    reference = tmp_path / "reference.jsonl"
    run_batch(client, [str(tree)], str(reference), settings, partition_size=1)
    plan = make_plan([str(tree)], settings, 1)
    output = tmp_path / "died.jsonl"
    outcome: dict = {}
    thread = threading.Thread(target=lambda: outcome.update(result=execute(
        client, plan, OutputTarget.parse(str(output)), settings)))
    thread.start()
    try:
        _wait_for(lambda: any(output.glob("part-*.summary.json")), what="the first partition")
        busy: list[str] = []

        def a_worker_is_busy() -> bool:
            busy[:] = [worker for worker, keys in client.processing().items() if keys]
            return bool(busy)

        _wait_for(a_worker_is_busy, what="a worker running a partition")
        pid = client.run(os.getpid, workers=busy[:1])[busy[0]]
        complete = len(list(output.glob("part-*.summary.json")))
        os.kill(pid, signal.SIGKILL)  # its nanny starts another; its tasks go elsewhere
    finally:
        thread.join(120)
    assert complete < len(plan.partitions), "the worker was to die mid-way"
    result = outcome["result"]
    assert (result.failed, result.errors, result.counts.files) == ([], 0, 61)
    assert sorted(p.name for p in output.iterdir()) == sorted(p.name for p in reference.iterdir())
    for part in sorted(reference.glob("part-*")):
        assert (output / part.name).read_bytes() == part.read_bytes(), part.name
    client.wait_for_workers(2, timeout=60)


def test_the_dashboard_is_served(cluster) -> None:
    """The extra installs what Dask's dashboard needs (bokeh)."""
    from urllib.request import urlopen

    with urlopen(cluster[0].dashboard_link, timeout=30) as page:
        assert page.status == 200 and b"Dask" in page.read()


def test_records_stream_to_a_temporary_file_renamed_when_complete(tmp_path, monkeypatch) -> None:
    import fsspec

    from copylint.batch import records as records_module

    monkeypatch.setattr(records_module, "ROW_GROUP", 2)
    fs = fsspec.filesystem("file")
    rows = [{"path": "a.txt", "story": "a.txt", "line": n, "column": 1, "end_line": n,
             "end_column": 4, "rule": "garble.doubled-word", "severity": "error",
             "message": "Doubled word.", "suggestions": ["the"]} for n in range(1, 6)]
    writer = records_module.RecordWriter(fs, str(tmp_path / "part-00000.parquet"), "parquet")
    writer.extend(rows[:3])
    [temporary] = [p.name for p in tmp_path.iterdir()]
    assert temporary.startswith(".part-00000.parquet.tmp-")
    writer.extend(rows[3:])
    writer.commit()
    table = pq.ParquetFile(tmp_path / "part-00000.parquet")
    assert table.metadata.num_row_groups == 3  # 2 + 2 + 1: never more than 2 rows held
    assert [{k: v for k, v in r.items() if v is not None} for r in table.read().to_pylist()] == rows
    failed = records_module.RecordWriter(fs, str(tmp_path / "part-00001.jsonl"), "jsonl")
    failed.extend(rows)
    failed.abort()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["part-00000.parquet"]


def test_usage_errors_are_one_line(cli, tmp_path) -> None:
    missing = cli("batch", tmp_path / "nowhere", "--output", tmp_path / "o.jsonl", "--workers", "1")
    assert missing.code == 2 and missing.err.strip().endswith("no such file or directory")
    wrong = cli("batch", FIXTURES / "formats", "--output", tmp_path / "o.csv", "--workers", "1")
    assert wrong.code == 2 and "ending in .jsonl or .parquet" in wrong.err
    both = cli("batch", FIXTURES, "-o", tmp_path / "o.jsonl", "--workers", "1",
               "--scheduler", "tcp://127.0.0.1:1")
    assert both.code == 2 and "not both" in both.err
    stdin = cli("batch", "-", "-o", tmp_path / "o.jsonl", "--workers", "1")
    assert stdin.code == 2 and "not standard input" in stdin.err
    rules = cli("batch", FIXTURES, "-o", tmp_path / "o.jsonl", "--select", "nosuch.rule")
    assert rules.code == 2 and "nosuch.rule" in rules.err and "Traceback" not in rules.err


def test_check_starts_without_importing_dask() -> None:
    probe = ("import sys, copylint.cli; print(sorted(m for m in ('dask', 'distributed', "
             "'fsspec', 'pyarrow', 'copylint.readers.stories') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=REPO, check=True)
    assert done.stdout.strip() == "[]"
