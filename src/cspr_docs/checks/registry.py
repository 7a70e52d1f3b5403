"""The rule registry: each rule's code registered against its catalogue id.

As sqlfluff registers rules and presidio recognizers declare their entities, a check function
declares the rule ids it yields::

    @implements("DIS001", "DIS002")
    def check_copies(ctx: CheckContext) -> Iterator[Finding]: ...

``implements`` refuses an id that is not in ``data/rules.yaml`` or that another function already
implements; ``load()`` imports every module of this package and refuses a catalogued id that no
function implements. ``cspr_docs.checks`` calls ``load()`` when it is imported, so a broken
registry fails at import, never half-way through a check.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from ..catalogue import rules


class RegistryError(Exception):
    """A rule id unknown to the catalogue, implemented twice, or not implemented at all."""


@dataclass(frozen=True)
class Checker:
    """A registered check function, the rule ids it yields and the family it reports as."""

    family: str
    rules: tuple[str, ...]
    run: Callable


_CHECKERS: list[Checker] = []
_BY_RULE: dict[str, Checker] = {}

#: Modules whose check functions are registered, in the order their families are reported;
#: any other module in this package is imported after them (so a new module needs no entry).
ORDER = ("sections", "reviewer", "recommendations", "distribution", "timescales", "publication",
         "placeholders", "notification", "adapters")
#: Modules of this package that hold no rule code.
NOT_RULES = ("registry", "run", "context", "checklist", "outline")


def implements(*rule_ids: str, family: str | None = None) -> Callable:
    """Register the decorated function as the code of ``rule_ids`` (catalogue ids)."""
    catalogue = rules()
    unknown = [r for r in rule_ids if r not in catalogue]
    if not rule_ids or unknown:
        raise RegistryError(f"@implements: rule id(s) not in data/rules.yaml: {', '.join(unknown) or '(none)'}")

    def register(func: Callable) -> Callable:
        taken = [r for r in rule_ids if r in _BY_RULE and _BY_RULE[r].run is not func]
        if taken:
            raise RegistryError(f"@implements: {', '.join(taken)} already implemented by "
                                f"{_BY_RULE[taken[0]].run.__module__}.{_BY_RULE[taken[0]].run.__name__}")
        if any(c.run is func for c in _CHECKERS):
            return func  # module imported twice (e.g. reloaded): already registered
        checker = Checker(family or catalogue[rule_ids[0]].family, tuple(rule_ids), func)
        _CHECKERS.append(checker)
        for r in rule_ids:
            _BY_RULE[r] = checker
        return func

    return register


def family_rules(family: str) -> tuple[str, ...]:
    """Every catalogue id of ``family`` (for a function that yields the whole family)."""
    return tuple(r.id for r in rules().values() if r.family == family)


def load() -> None:
    """Import every rule module and check that catalogue ids = registered ids."""
    import importlib
    import pkgutil

    from .. import checks

    names = list(ORDER) + sorted(m.name for m in pkgutil.iter_modules(checks.__path__)
                                 if m.name not in ORDER and m.name not in NOT_RULES)
    for name in names:
        importlib.import_module(f"{checks.__name__}.{name}")
    missing = [r for r in rules() if r not in _BY_RULE]
    if missing:
        raise RegistryError(f"rule(s) in data/rules.yaml with no code registered: {', '.join(missing)}")


def checkers(job: str = "check") -> list[Checker]:
    """The registered checkers whose rules run in ``job`` (``check`` or ``templates``)."""
    catalogue = rules()
    rank = {name: i for i, name in enumerate(ORDER)}
    ordered = sorted(_CHECKERS, key=lambda c: rank.get(c.run.__module__.rsplit(".", 1)[-1], len(rank)))
    return [c for c in ordered if any(catalogue[r].job == job for r in c.rules)]


def registered() -> dict[str, Checker]:
    """Rule id -> the checker that implements it."""
    return dict(_BY_RULE)


def applicable(doc_type: str, has_case: bool) -> set[str]:
    """The ids ``check`` runs for ``doc_type`` (with or without a case file): decided here only."""
    return {r.id for r in rules().values() if r.applies(doc_type, has_case)}


def run_applicable(ctx, active: set[str]) -> Iterable[tuple[str, list]]:
    """``(family, findings)`` for each checker with an applicable rule; findings of rules that do
    not apply are dropped."""
    for checker in checkers("check"):
        ids = active.intersection(checker.rules)
        if ids:
            from .. import progress

            progress.step(f"checking {ctx.doc.path.name}: {checker.family}")
            yield checker.family, [f for f in checker.run(ctx) if f.rule in ids]
