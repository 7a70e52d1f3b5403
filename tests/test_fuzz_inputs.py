"""Property-based tests: hostile case files and mutated Word files never crash a reader.

Either the input is read, or it is refused with a clean ``InputError`` (exit 2 at the CLI).
"""

import io
import zipfile

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cspr_docs.casefile import check_case
from cspr_docs.document import read_document
from cspr_docs.errors import InputError

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

yaml_ish = st.text(alphabet=st.sampled_from(list("abc:-[]{}&*!|>'\"#\t\n 012.,\\%@`")), max_size=120)


@FAST
@given(text=yaml_ish)
def test_case_loader_never_crashes(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "case.yaml"
    path.write_text(text)
    try:
        case, problems = check_case(path)
    except InputError as exc:
        assert str(path) in str(exc) and "\n" not in str(exc)
    else:
        assert (case is None) == bool(problems)


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
