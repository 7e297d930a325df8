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


GLUED_STORY = ("Officials met theNational team as asurge of fans arrived.\n\n"
               "The ministry is sensitising staff and criticising the plan, the mayor said.")
GLUED_FINDINGS = [(1, 15, "wordbreaks.glued", ("the National",)),
                  (1, 35, "wordbreaks.glued", ("a surge",)),
                  (3, 17, "ap.ize-spelling", ("sensitizing",)),
                  (3, 39, "ap.ize-spelling", ("criticizing",))]


def _word_checks(context: RunContext) -> Linter:
    return Linter(choose_rules(load_rulebook(), ["wordbreaks.glued", "ap.ize-spelling"]),
                  context=context)


def _found(result) -> list[tuple[int, int, str, tuple[str, ...]]]:
    return [(f.line, f.column, f.rule, tuple(f.suggestions)) for f in result.findings]


def test_the_rarer_words_shared_by_a_document_s_checks_stay_with_it() -> None:
    # the glued-word and -ize checks take the document's rarer words from the run context, where
    # the name checks find them once per document: another story's words never leak in
    run = RunContext()
    lint = _word_checks(run)
    other = Document("The ministry surge and the plans were national news for the fans.")
    assert _found(lint.check(other)) == []
    assert _found(lint.check(Document(GLUED_STORY))) == GLUED_FINDINGS
    assert _found(lint.check(Document(GLUED_STORY))) == GLUED_FINDINGS
    assert _found(_word_checks(RunContext()).check(Document(GLUED_STORY))) == GLUED_FINDINGS

