"""Templates that try to exhaust the machine are refused quickly and cleanly, by ``render``
(exit 2, one line, nothing written) and by ``templates validate`` (a TPL finding)."""

from __future__ import annotations

import json
import time

import docx
import pytest

from cspr_docs import sandbox

#: name -> (template paragraph, words the refusal must contain)
HOSTILE = {
    "string repeat": ("{{ 'x' * 2000000000 }}", "operator '*'"),
    "list repeat": ("{{ [1, 2] * 2000000000 }}", "operator '*'"),
    "power tower": ("{{ 9 ** (9 ** 10) }}", "integer larger"),
    "big product": ("{% set n = 2 ** 1000 %}{{ n * n }}", "integer larger"),
    "huge range": ("{% for i in range(10 ** 9) %}x{% endfor %}", "range()"),
    "overflowing range": ("{{ range(10 ** 30) | list }}", "range()"),
    "include": ("{% include 'other.docx' %}", "'include' is not allowed"),
    "import": ("{% import 'macros' as m %}", "'import' is not allowed"),
    "from import": ("{% from 'macros' import m %}", "'from ... import' is not allowed"),
    "extends": ("{% extends 'base.docx' %}", "'extends' is not allowed"),
    "recursion": ("{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(1) }}", "recurses too deeply"),
    "center filter": ("{{ 'x' | center(2000000000) }}", "filter 'center'"),
    "ljust method": ("{{ 'x'.ljust(2000000000) }}", "'ljust()'"),
    "format filter width": ("{{ '%2000000000s' | format('x') }}", "width"),
    "str.format width": ("{{ '{:2000000000}'.format('x') }}", "width"),
    "doubling with ~": ("{% set s = 'x' * 1000000 %}{% set s = s ~ s %}{% set s = s ~ s %}{{ s }}",
                        "operator '~'"),
    "list growing in place": ("{% set l = [1] %}{% for i in range(40) %}{% set _ = l.extend(l) %}"
                              "{% endfor %}", "'extend()'"),
    "replace blow-up": ("{% set s = 'x' * 100000 %}{{ s.replace('', s) }}", "'replace()'"),
    "join blow-up": ("{% set s = 'y' * 100000 %}{{ s.join(s) }}", "'join()'"),
    "lipsum": ("{{ lipsum(10 ** 4) }}", "lipsum()"),
    "translate": ("{{ 'x'.translate({120: 'y'}) }}", "sandbox"),
    "output flood": ("{% for i in range(99999) %}{% for j in range(99999) %}xxxxxxxxxx"
                     "{% endfor %}{% endfor %}", "outputs more than"),
    "block set flood": ("{% set x %}{% for i in range(99999) %}{{ 'y' * 1000 }}{% endfor %}"
                        "{% endset %}{{ x }}", "outputs more than"),
    "division by zero": ("{{ 1 / 0 }}", "ZeroDivisionError"),
    "empty cycler": ("{{ cycler().next() }}", "RuntimeError"),
    "many large variables": ("".join(f"{{% set v{i} = 'x' * 1999999 %}}" for i in range(60)),
                             "in all"),
    "format_map width": ("{{ '{x:{w}}'.format_map({'x': 1, 'w': 2000000000}) }}", "width"),
    "tojson indent": ("{% set l = [1] * 1000000 %}{{ l | tojson(9999) }}", "filter 'tojson'"),
    "deep parentheses": ("{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}", "too deeply"),
    "deeply nested blocks": ("{% if 1 %}" * 500 + "x" + "{% endif %}" * 500, "too deeply"),
    "5,000-digit number": ("{{ 1" + "0" * 5000 + " }}", "ValueError"),
}
#: Templates that only take time: the clock stops them.
SLOW = {
    "nested ranges": "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
    "exponential macro": "{% macro m(n) %}{% if n < 60 %}{{ m(n + 1) }}{{ m(n + 1) }}{% endif %}"
                         "{% endmacro %}{{ m(1) }}",
    # no call, operator or output inside: only the watchdog thread can stop it
    "nested loops over text": "{% set s = 'x' * 100000 %}{% for a in s %}{% for b in s %}{% endfor %}"
                              "{% endfor %}",
}


def make_template(path, text):
    document = docx.Document()
    document.add_paragraph("Review about {{ child.pseudonym }}")
    document.add_paragraph(text)
    document.save(str(path))
    return path


def render(cli, case, template, out):
    return cli("render", case, "--type", "lcspr", "--template", template, "-o", out, "--draft")


@pytest.fixture
def short_clock(monkeypatch):
    monkeypatch.setattr(sandbox, "TIME_LIMIT", 1.0)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_render_refuses_a_hostile_template_at_once(cli, tmp_path, example_case, name):
    text, words = HOSTILE[name]
    template = make_template(tmp_path / "hostile.docx", text)
    out = tmp_path / "out.docx"
    result = render(cli, example_case, template, out)
    assert result.code == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(template) in lines[0] and words in lines[0], lines
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert not out.exists() and not list(tmp_path.glob(".*tmp"))


@pytest.mark.parametrize("name", sorted(SLOW))
def test_render_stops_a_slow_template_at_the_time_limit(cli, tmp_path, example_case, short_clock, name):
    template = make_template(tmp_path / "slow.docx", SLOW[name])
    out = tmp_path / "out.docx"
    result = render(cli, example_case, template, out)
    assert result.code == 2, result.stderr
    assert "took longer than 1 seconds" in result.stderr and "internal error" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_ordinary_arithmetic_formatting_and_loops_still_render(cli, tmp_path, example_case):
    text = ("N{{ 2 ** 10 }} {{ 'ab' * 3 }} {{ '%5s' | format('z') }}|{{ '{:>4}'.format(7) }}|"
            "{{ range(3) | list | join(',') }} {{ 'x' | center(5) }}|"
            "{% for r in review.recommendations %}[{{ loop.index }}]{% endfor %}"
            "{{ 'a-b'.replace('-', '+') }} {{ ', '.join(['p', 'q']) }} {{ 7 // 2 }} {{ 7 % 4 }}|"
            "{{ '%d' | format(2500000) }} {{ '{:,}'.format(2500000) }} {{ '%d' % 123456 }} "
            "{% set ns = namespace(total=50000) %}{{ ns.total + 1 }} {{ dict(a=70000).a }}"
            "{% macro m(n) %}<{{ n }}>{% endmacro %}{{ m(99999) }}")
    template = make_template(tmp_path / "fine.docx", text)
    out = tmp_path / "out.docx"
    result = render(cli, example_case, template, out)
    assert result.code == 0, result.stderr
    body = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "N1024 ababab     z|   7|0,1,2   x  |[1][2]" in body
    assert "a+b p, q 3 3|2500000 2,500,000 123456 50001 70000<99999>" in body


def test_the_time_limit_leaves_no_interruption_behind(cli, tmp_path, example_case, short_clock):
    """A render that finishes just before the watchdog fires must not be hit afterwards."""
    template = make_template(tmp_path / "fine.docx", "{{ child.pseudonym }}")
    for i in range(3):
        result = render(cli, example_case, template, tmp_path / f"out{i}.docx")
        assert result.code == 0, result.stderr
    time.sleep(1.6)  # past the watchdog's moment: nothing is raised into this thread
    result = cli("validate", example_case)  # and the next command runs undisturbed
    assert result.code == 0, result.stderr


def validate(cli, template):
    result = cli("templates", "validate", template, "--type", "lcspr", "--format", "json")
    return result, json.loads(result.stdout)


@pytest.mark.parametrize("name,rule", [("power tower", "TPL003"), ("huge range", "TPL003"),
                                       ("include", "TPL001"), ("recursion", "TPL003"),
                                       ("string repeat", "TPL003"), ("output flood", "TPL003"),
                                       ("deep parentheses", "TPL001"), ("deeply nested blocks", "TPL001"),
                                       ("5,000-digit number", "TPL001")])
def test_templates_validate_reports_a_hostile_template_as_a_finding(cli, tmp_path, name, rule):
    text, words = HOSTILE[name]
    template = make_template(tmp_path / "lcspr_hostile.docx", text)
    result, report = validate(cli, template)
    assert result.code == 1, result.stderr
    assert "internal error" not in result.stderr
    found = [f for f in report["findings"] if f["rule"] == rule and words in f["message"]]
    assert found, report["findings"]


def test_templates_validate_stops_a_slow_template(cli, tmp_path, short_clock):
    template = make_template(tmp_path / "lcspr_slow.docx", SLOW["nested ranges"])
    result, report = validate(cli, template)
    assert result.code == 1, result.stderr
    assert any(f["rule"] == "TPL003" and "took longer" in f["message"] for f in report["findings"])
