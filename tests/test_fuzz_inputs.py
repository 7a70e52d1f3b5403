"""Property-based tests: hostile case files and mutated Word files never crash a reader.

Either the input is read, or it is refused with a clean ``InputError`` (exit 2 at the CLI).
"""

import io
import os
import zipfile

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cspr_docs.casefile import check_case
from cspr_docs.document import read_document
from cspr_docs.errors import InputError

#: CSPR_FUZZ_EXAMPLES=1000 for a longer hunt than CI's
FAST = settings(max_examples=int(os.environ.get("CSPR_FUZZ_EXAMPLES", "60")), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])

yaml_ish = st.text(alphabet=st.sampled_from(list("abc:-[]{}&*!|>'\"#\t\n 012.,\\%@`")), max_size=120)


@FAST
@given(text=yaml_ish, kind=st.sampled_from(["case", "register"]))
def test_case_and_register_loaders_never_crash(tmp_path_factory, text, kind):
    from cspr_docs.anonymise import load_register

    path = tmp_path_factory.mktemp("fuzz") / f"{kind}.yaml"
    path.write_text(text)
    try:
        if kind == "case":
            case, problems = check_case(path)
            assert (case is None) == bool(problems)
        else:
            load_register(path)
    except InputError as exc:
        assert str(path) in str(exc) and "\n" not in str(exc)


def _sample_docx() -> bytes:
    d = docx.Document()
    d.add_heading("Review", 1)
    d.add_paragraph("Child A lived with Mother.")
    d.add_table(rows=1, cols=2).cell(0, 0).text = "Agency"
    d.sections[0].header.paragraphs[0].text = "Header"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


SAMPLE = _sample_docx()


@FAST
@given(flips=st.lists(st.tuples(st.integers(0, len(SAMPLE) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_mutated_docx_bytes_never_crash_the_reader(tmp_path_factory, flips):
    data = bytearray(SAMPLE)
    for pos, value in flips:
        data[pos] = value
    path = tmp_path_factory.mktemp("fuzz") / "m.docx"
    path.write_bytes(bytes(data))
    try:
        read_document(path)
    except InputError as exc:
        assert str(path) in str(exc)


def _with_part(name: str, payload: bytes) -> bytes:
    """SAMPLE with part ``name`` replaced (or added) with ``payload``."""
    src = zipfile.ZipFile(io.BytesIO(SAMPLE))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for item in src.infolist():
            if item.filename != name:
                out.writestr(item, src.read(item.filename))
        out.writestr(name, payload)
    return buf.getvalue()


@FAST
@given(part=st.sampled_from(["word/document.xml", "word/styles.xml", "docProps/core.xml",
                             "docProps/app.xml", "docProps/custom.xml",
                             "word/_rels/document.xml.rels", "[Content_Types].xml"]),
       payload=st.binary(max_size=200) | st.just(b"<w:document><unclosed>"))
def test_corrupt_xml_parts_are_clean_errors(tmp_path_factory, part, payload):
    path = tmp_path_factory.mktemp("fuzz") / "c.docx"
    path.write_bytes(_with_part(part, payload))
    try:
        read_document(path)
    except InputError as exc:
        assert str(path) in str(exc)


# -- mutated files through the commands that dig deepest into them -------------------------

def _sample_pdf() -> bytes:
    """A small real PDF with what inspect walks: metadata, a bookmark, a link, a black box."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title("Review")
    pdf.set_author("Jane Officer")
    pdf.add_page()
    pdf.start_section("1. Introduction")
    pdf.set_font("Helvetica", "", 12)
    pdf.cell(0, 10, "Child A lived with Mother.", link="https://example.org")
    pdf.set_fill_color(0, 0, 0)
    pdf.rect(10, 10, 60, 8, style="F")
    return bytes(pdf.output())


PDF_SAMPLE = _sample_pdf()
FILES = {"docx": SAMPLE, "pdf": PDF_SAMPLE}


def _no_crash(result) -> None:
    assert result.code in (0, 1, 2), result
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    if result.code == 2:
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@FAST
@given(kind=st.sampled_from(["docx", "pdf"]), command=st.sampled_from(["inspect", "sanitize", "check"]),
       flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8))
def test_mutated_files_never_crash_inspect_sanitize_or_check(tmp_path_factory, kind, command, flips):
    from conftest import run_cli

    data = bytearray(FILES[kind])
    for pos, value in flips:
        data[pos % len(data)] = value
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / f"m.{kind}"
    path.write_bytes(bytes(data))
    args = {"inspect": ["inspect", path], "sanitize": ["sanitize", path, "-o", folder / f"clean.{kind}"],
            "check": ["check", path, "--type", "lcspr"]}[command]
    result = run_cli(*args)
    _no_crash(result)
    assert path.read_bytes() == bytes(data)
    if result.code == 2:
        assert sorted(folder.iterdir()) == [path], "an output was left behind"


# -- the register matcher ------------------------------------------------------

def _terms():
    from cspr_docs.anonymise import Register
    from cspr_docs.anonymise.register import compile_terms

    return compile_terms(Register.model_validate({
        "people": [{"name": "Jayden Walsh", "aliases": ["JJ"], "pseudonym": "Child A"},
                   {"name": "Zofia Nowak-Kowalska", "pseudonym": "Mother"}],
        "places": [{"text": "14 Elm Road, Exampleton", "pseudonym": "the family home"}],
        "other": [{"text": "LL123456"}]}))


TERMS = _terms()


@FAST
@given(text=st.text(max_size=300))
def test_register_matcher_on_any_text_gives_sound_spans(text):
    from cspr_docs.anonymise.register import find_terms

    hits = find_terms(text, TERMS)
    for hit in hits:
        assert 0 <= hit.start < hit.end <= len(text)
    assert [h.start for h in hits] == sorted(h.start for h in hits)


@FAST
@given(before=st.text(max_size=40), after=st.text(max_size=40),
       entry=st.sampled_from(["Jayden Walsh", "Walsh", "JJ", "Nowak-Kowalska", "Zofia",
                              "14 Elm Road, Exampleton", "LL123456"]),
       sep=st.sampled_from([" ", "\n", "  ", "\u00a0", " \n "]))
def test_a_registered_entry_is_found_whatever_surrounds_it(before, after, entry, sep):
    from cspr_docs.anonymise.register import find_terms

    text = f"{before}{sep}{entry}{sep}{after}"
    start = len(before) + len(sep)
    hits = find_terms(text, TERMS)
    assert any(h.start <= start and h.end >= start + len(entry) for h in hits), (text, hits)
