"""The run context: the user's vocabulary reaches the checks through the Linter, and what one
run learns never leaks into another run in the same process."""

from __future__ import annotations

from pathlib import Path

from copylint.context import RunContext
from copylint.document import Document
from copylint.engine import Linter, choose_rules
from copylint.rulebook import load_rulebook
from copylint.vocabulary import Vocabulary, read_vocabulary

TEXT = "Shelling hit Mariupl and the militia signed a ceasfire."


def linter(context: RunContext | None = None) -> Linter:
    return Linter(choose_rules(load_rulebook(), ["names.misspelled", "spelling"]), context=context)


def spans(result) -> list[tuple[int, str]]:
    return [(f.column, f.rule) for f in result.findings]


def test_each_linter_has_its_own_vocabulary(tmp_path: Path) -> None:
    vocab = tmp_path / "desk.txt"
    vocab.write_text("ceasfire\n!Mariupl -> Mariupol\n", encoding="utf-8")
    desk = linter(RunContext(read_vocabulary([vocab])))
    plain = linter()
    assert spans(desk.check(Document(TEXT))) == [(14, "names.misspelled")]
    assert spans(plain.check(Document(TEXT))) == [(47, "spelling.misspelled")]
    assert spans(desk.check(Document(TEXT))) == [(14, "names.misspelled")]


def test_a_context_for_one_call_shares_the_run_caches_not_the_vocabulary() -> None:
    run = RunContext()
    run.cached("probe", lambda: ["built once"])
    other = run.with_vocabulary(Vocabulary.of(accept=["ceasfire"]))
    assert other.cached("probe", lambda: ["built again"]) == ["built once"]
    assert run.vocabulary.accepted_words == frozenset()
    assert other.vocabulary.accepted_words == {"ceasfire"}


def test_per_document_values_are_released_after_each_document() -> None:
    run = RunContext()
    first, second = Document("One."), Document("Two.")
    assert run.for_document(first, "k", lambda: 1) == 1
    assert run.for_document(first, "k", lambda: 2) == 1
    assert run.for_document(second, "k", lambda: 3) == 3
    run.release()
    assert run.for_document(second, "k", lambda: 4) == 4


def test_vocabulary_entries_and_comments() -> None:
    vocabulary = Vocabulary.of(accept=["Halyna Hutchins", "# note", " "],
                               reject=["Kiev", "Mariupl -> Mariupol", "Odessa => Odesa"])
    assert vocabulary.accept == {"halyna hutchins"}
    assert vocabulary.accepted_words == {"halyna", "hutchins"}
    assert vocabulary.reject == (("Kiev", None), ("Mariupl", "Mariupol"), ("Odessa", "Odesa"))
