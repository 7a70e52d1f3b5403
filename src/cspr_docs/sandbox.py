"""The bounded Jinja sandbox every template renders (and is validated) in.

Jinja's own ``SandboxedEnvironment`` stops a template reaching Python internals, but not
from exhausting the machine: ``'x' * 2000000000``, ``9 ** (9 ** 10)``, nested loops or a
macro calling itself. ``BoundedSandbox`` adds limits on

* every value a template builds (operators, calls, filters, ``~``): its size, counted
  through nested lists, and the size of its integers;
* counts and widths passed to calls and filters (``center(10**9)``, ``lipsum(10**9)``);
* the text a template (or a ``{% set %}`` block, or a macro) outputs;
* time: ``guard()`` stops the evaluation after ``TIME_LIMIT`` seconds;

and refuses ``include``, ``import`` and ``extends`` (templates are single files). Every
limit raises ``TemplateLimit``, which the callers turn into a one-line refusal.
"""

from __future__ import annotations

import contextlib
import ctypes
import operator
import re
import threading
import time
from typing import Any, Iterator

from jinja2 import nodes
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

#: Seconds one template evaluation (a whole document) may take.
TIME_LIMIT = 20.0
#: Largest value a template may build: characters of a string, or items (nested) of a list.
MAX_VALUE = 2_000_000
#: Most a template may build in all, summed over every value it makes (characters and items):
#: bounds the memory of values kept in many variables, and the work of building them.
MAX_WORK = 100_000_000
#: Largest text one template (one part of the document) may output, in characters.
MAX_OUTPUT = 20_000_000
#: Largest count or width a call or filter may be given (``center(n)``, ``lipsum(n)``).
MAX_COUNT = 10_000
#: Largest integer (in bits) a template may compute.
MAX_INT_BITS = 1024
#: Largest ``range()``.
MAX_RANGE = 100_000
#: Attributes no template needs whose only use is to build huge values.
_BLOCKED_ATTRIBUTES = frozenset({"translate", "maketrans", "expandtabs", "to_bytes", "from_bytes"})
#: Filters whose numeric arguments are widths or counts of what they build.
_SIZED_FILTERS = frozenset({"center", "indent", "batch", "slice", "tojson", "wordwrap", "truncate"})
_FORMAT_NUMBER = re.compile(r"\d{5,}")


class TemplateLimit(Exception):
    """A template went past one of the evaluation limits (the message says which)."""


class _Timeout(TemplateLimit):
    """Raised asynchronously in the rendering thread when the time limit passes."""

    def __init__(self, *args: Any) -> None:
        super().__init__(f"the template took longer than {TIME_LIMIT:g} seconds to evaluate")


def _weight(value: Any, budget: int = MAX_VALUE, depth: int = 0) -> int:
    """The size of ``value``: characters of text, items of containers counted through nesting.

    Stops counting once past ``budget`` (the answer is then only known to be larger)."""
    if isinstance(value, (str, bytes, bytearray)):
        return len(value)
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        total = len(value)
        if total > budget or depth > 30:
            return total + budget
        items = value.items() if isinstance(value, dict) else value
        for item in items:
            total += _weight(item, budget - total, depth + 1)
            if total > budget:
                break
        return total
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        return budget + 1
    return 1


#: The evaluation running in this thread (set by ``guard``), for the clock and the budget.
_active = threading.local()


def _check_value(value: Any, what: str) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        raise TemplateLimit(f"{what} gives an integer larger than {MAX_INT_BITS} bits")
    weight = _weight(value)
    if weight > MAX_VALUE:
        raise TemplateLimit(f"{what} builds a value larger than {MAX_VALUE:,} characters or items")
    env = getattr(_active, "env", None)
    if env is not None:
        env.spent += weight
        if env.spent > MAX_WORK:
            raise TemplateLimit(f"the template builds more than {MAX_WORK:,} characters or items in all")
    return value


def _check_count(value: Any, what: str) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_COUNT:
        raise TemplateLimit(f"{what} is given a count or width over {MAX_COUNT:,}")


def _check_format(fmt: Any, what: str) -> None:
    """A format string may not ask for widths or precisions over ``MAX_COUNT``."""
    if isinstance(fmt, str):
        for number in _FORMAT_NUMBER.findall(fmt):
            if int(number) > MAX_COUNT:
                raise TemplateLimit(f"{what} asks for a width over {MAX_COUNT:,}")


def _bits(value: Any) -> int:
    return abs(value).bit_length() if isinstance(value, int) else 64


def _size(value: Any) -> int:
    return _weight(value) if isinstance(value, (str, bytes, list, tuple)) else 0


def _precheck_binop(op: str, left: Any, right: Any) -> None:
    """Refuse an operation whose result would be too large, before Python computes it."""
    what = f"the operator '{op}'"
    if op == "**":
        if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
            if _bits(left) * right > MAX_INT_BITS:
                raise TemplateLimit(f"{what} gives an integer larger than {MAX_INT_BITS} bits")
    elif op == "*":
        for seq, count in ((left, right), (right, left)):
            if isinstance(seq, (str, bytes, list, tuple)) and isinstance(count, int):
                if count > 0 and _size(seq) * count > MAX_VALUE:
                    raise TemplateLimit(
                        f"{what} builds a value larger than {MAX_VALUE:,} characters or items")
        if isinstance(left, int) and isinstance(right, int) and _bits(left) + _bits(right) > MAX_INT_BITS:
            raise TemplateLimit(f"{what} gives an integer larger than {MAX_INT_BITS} bits")
    elif op == "+" and _size(left) + _size(right) > MAX_VALUE:
        raise TemplateLimit(f"{what} builds a value larger than {MAX_VALUE:,} characters or items")
    elif op == "%" and isinstance(left, str):
        _check_format(left, "a '%' format")
        args = right if isinstance(right, tuple) else (right,)
        if "*" in left:
            for arg in args:
                _check_count(arg, "a '%' format")


_BINOPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
           "//": operator.floordiv, "%": operator.mod, "**": operator.pow}


def _precheck_call(obj: Any, args: tuple, kwargs: dict, what: str) -> None:
    """Refuse a call whose arguments ask for a huge result: a width given to a string method
    (``ljust``, ``center``, ``zfill`` ...), a ``replace`` or ``join`` that multiplies text."""
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", "")
    if isinstance(owner, (str, bytes, bytearray)) and name not in ("format", "format_map"):
        for arg in (*args, *kwargs.values()):
            _check_count(arg, what)
    if isinstance(owner, str) and name == "replace" and len(args) >= 2:
        _estimate_replace(owner, args[0], args[1], what)
    if isinstance(owner, (str, bytes)) and name == "join" and args and hasattr(args[0], "__len__"):
        if _weight(args[0]) + len(args[0]) * len(owner) > MAX_VALUE:
            raise TemplateLimit(f"{what} builds a value larger than {MAX_VALUE:,} characters")


def _estimate_replace(text: Any, old: Any, new: Any, what: str) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        hits = len(text) + 1 if old == "" else text.count(old)
        if len(text) + hits * max(0, len(new) - len(old)) > MAX_VALUE:
            raise TemplateLimit(f"{what} builds a value larger than {MAX_VALUE:,} characters or items")


def _guard_filter(name: str, func):
    """A filter wrapped in the limits: counts and widths checked first, the result after."""
    import functools

    passes = getattr(func, "jinja_pass_arg", None)

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        env = getattr(_active, "env", None)
        if env is not None:
            env.check_time()
        offset = 1 if passes is not None else 0  # the context/environment comes first
        what = f"the filter '{name}'"
        value = args[offset] if len(args) > offset else None
        if name in _SIZED_FILTERS:
            for arg in (*args[offset + 1:], *kwargs.values()):
                _check_count(arg, what)
        if name == "format":
            _check_format(value, what)
            if isinstance(value, str) and "*" in value:  # '%*s': a width from the arguments
                for arg in (*args[offset + 1:], *kwargs.values()):
                    _check_count(arg, what)
        elif name == "replace" and len(args) >= offset + 3:
            _estimate_replace(value, args[offset + 1], args[offset + 2], what)
        elif name == "indent" and isinstance(value, str):
            width = args[offset + 1] if len(args) > offset + 1 else kwargs.get("width", 4)
            width = len(width) if isinstance(width, str) else width
            if isinstance(width, int) and len(value) + width * (value.count("\n") + 1) > MAX_VALUE:
                raise TemplateLimit(f"{what} builds a value larger than {MAX_VALUE:,} characters")
        elif name == "tojson" and (args[offset + 1:] or kwargs):
            indent = (args[offset + 1:] or [kwargs.get("indent")])[0]
            if isinstance(indent, int) and _weight(value) * (indent + 2) > MAX_VALUE:
                raise TemplateLimit(f"{what} builds a value larger than {MAX_VALUE:,} characters")
        elif name == "join" and isinstance(value, (list, tuple)):
            sep = args[offset + 1] if len(args) > offset + 1 else kwargs.get("d", "")
            if _weight(value) + len(value) * _size(sep) > MAX_VALUE:
                raise TemplateLimit(f"{what} builds a value larger than {MAX_VALUE:,} characters")
        return _check_value(func(*args, **kwargs), what)

    return guarded


def lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    """Jinja's ``lipsum()`` placeholder text, at most 20 paragraphs of 200 words."""
    from jinja2.utils import generate_lorem_ipsum

    if n > 20 or max > 200 or min > max:
        raise TemplateLimit("lipsum() is limited to 20 paragraphs of 200 words")
    return generate_lorem_ipsum(n=n, html=html, min=min, max=max)


class _BoundedCodeGenerator(CodeGenerator):
    """Jinja's code generator with the ``~`` operator's result checked for size."""

    def visit_Concat(self, node: nodes.Concat, frame) -> None:
        self.write("environment.check_concat(")
        super().visit_Concat(node, frame)
        self.write(")")


class BoundedSandbox(SandboxedEnvironment):
    """A ``SandboxedEnvironment`` with bounds on values, output and time (see the module)."""

    code_generator_class = _BoundedCodeGenerator
    intercepted_binops = frozenset(_BINOPS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.deadline: float | None = None
        self.spent = 0  # characters and items built so far (see MAX_WORK)
        self.globals["range"] = self._range
        self.globals["lipsum"] = lipsum
        self.filters = {name: _guard_filter(name, f) for name, f in self.filters.items()}

    # -- time -----------------------------------------------------------------------------
    def check_time(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise _Timeout()

    def _range(self, *args: int) -> Iterator[int]:
        numbers = range(*args)
        try:
            size = len(numbers)
        except OverflowError:
            size = MAX_RANGE + 1
        if size > MAX_RANGE:
            raise TemplateLimit(f"range() of more than {MAX_RANGE:,} numbers")
        return self._ticking(numbers)



    def _ticking(self, numbers: range) -> Iterator[int]:
        for i, n in enumerate(numbers):
            if not i & 1023:
                self.check_time()
            yield n

    # -- output ---------------------------------------------------------------------------
    def concat(self, chunks) -> str:  # type: ignore[override]  # Environment.concat
        out: list[str] = []
        total = 0
        for i, chunk in enumerate(chunks):
            total += len(chunk)
            if total > MAX_OUTPUT:
                raise TemplateLimit(f"the template outputs more than {MAX_OUTPUT:,} characters")
            if not i & 1023:
                self.check_time()
            out.append(chunk)
        return "".join(out)

    def check_concat(self, value: Any) -> Any:
        return _check_value(value, "the operator '~'")

    # -- operators, calls, attributes -------------------------------------------------------
    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        self.check_time()
        _precheck_binop(operator, left, right)
        return _check_value(_BINOPS[operator](left, right), f"the operator '{operator}'")

    def call(__self, __context, __obj, *args: Any, **kwargs: Any) -> Any:
        __self.check_time()
        name = getattr(__obj, "__name__", None) or type(__obj).__name__
        what = f"the call '{name}()'"
        if getattr(__obj, "__func__", None) is not BoundedSandbox._range:
            _precheck_call(__obj, args, kwargs, what)
        result = super().call(__context, __obj, *args, **kwargs)
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, (list, dict, set)):
            _check_value(owner, what)  # list.extend and friends grow their list in place
        return _check_value(result, what)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return attr not in _BLOCKED_ATTRIBUTES and super().is_safe_attribute(obj, attr, value)

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.check_time()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.check_time()
        return super().getitem(obj, argument)

    def wrap_str_format(self, value: Any):
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        fmt = value.__self__

        def checked(*args: Any, **kwargs: Any) -> str:
            _check_format(fmt, "a format string")
            if "{" in fmt.replace("{{", "").split(":", 1)[-1]:  # widths from arguments
                mappings = [a for a in args if isinstance(a, dict)]  # format_map's argument
                for arg in (*args, *kwargs.values(), *(v for m in mappings for v in m.values())):
                    _check_count(arg, "a format string")
            return _check_value(wrapper(*args, **kwargs), "a format string")

        return checked

    # -- single-file templates ---------------------------------------------------------------
    def _parse(self, source: str, name: str | None, filename: str | None):
        tree = super()._parse(source, name, filename)
        for node in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
            tag = {nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "from ... import",
                   nodes.Extends: "extends"}[type(node)]
            raise TemplateSyntaxError(f"'{tag}' is not allowed: a template is a single Word file",
                                      node.lineno, name, filename)
        return tree


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exc) if exc else None)


@contextlib.contextmanager
def guard(env: BoundedSandbox, seconds: float | None = None) -> Iterator[None]:
    """Run a template evaluation within ``seconds`` (default ``TIME_LIMIT``).

    The sandbox checks the clock at every call, operator, attribute, loop over ``range``
    and output chunk; a watchdog thread interrupts loops that do none of these. Deep
    recursion and exhausted memory become ``TemplateLimit`` too.
    """
    limit = TIME_LIMIT if seconds is None else seconds
    env.deadline = time.monotonic() + limit
    env.spent = 0
    outer = getattr(_active, "env", None)
    _active.env = env
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}
    stop = threading.Event()

    def watch() -> None:
        # Once, and only after the sandbox's own clock checks had their chance: the single
        # interruption lands in this context manager's thread, inside this block (``done``
        # is set under the lock before the block is left).
        if stop.wait(limit + 0.5):
            return
        with lock:
            if not state["done"]:
                state["fired"] = True
                try:
                    _raise_in(target, _Timeout)
                except Exception:  # noqa: BLE001  (no ctypes.pythonapi: the clock checks remain)
                    pass

    def finish() -> None:  # idempotent: run again by the handlers if it was interrupted
        stop.set()
        with lock:
            if not state["done"]:
                state["done"] = True
                if state["fired"]:
                    _raise_in(target, None)  # withdraw an interruption not yet delivered
        env.deadline = None
        _active.env = outer

    watchdog = threading.Thread(target=watch, name="cspr-docs-template-watchdog", daemon=True)
    watchdog.start()
    try:
        try:
            yield
        finally:
            finish()
    except RecursionError:
        finish()
        raise TemplateLimit("the template is nested or recurses too deeply (a macro calling itself?)") from None
    except MemoryError:
        finish()
        raise TemplateLimit("the template needs more memory than this computer has") from None
    except _Timeout:
        finish()
        raise TemplateLimit(f"the template took longer than {limit:g} seconds to evaluate") from None
