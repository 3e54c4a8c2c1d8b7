"""A tripwire for the extractor's validator-free constructors.

``loaders.extract.statements.trusted_statement``, ``loaders.extract.targets.target`` and
``loaders.extract.spans.evidence`` make :class:`~graph.model.Statement`, :class:`~graph.model.Target`
and :class:`~graph.model.Span` without pydantic's validator where validation would keep every value
as it is: their checks restate what these models validate (the id pattern, ranges, exact types, the
after-validators' work). tests/test_extract_speed.py shows they agree on every development
statement *today*; this test fails when one of the models' validation changes (a field, its type,
default or constraint, a validator, the id check's code, the model's config), so whoever changes it
revisits the restated checks, then records the new fingerprint here.
"""

from __future__ import annotations

import hashlib
import inspect
import re

import pytest
from pydantic import BaseModel, Field, model_validator

from graph import model
from graph.model import Span, Statement, Target

#: What the restated checks were written against (see the module docstring before updating).
FINGERPRINTS = {
    "Statement": "1531e2cb504d2a43",
    "Target": "5cf05c1afbd9f876",
    "Span": "728390a6e8c4e88d",
}

_DECORATOR_KINDS = (
    "validators",
    "field_validators",
    "root_validators",
    "field_serializers",
    "model_serializers",
    "model_validators",
    "computed_fields",
)


def validation_of(cls: type[BaseModel]) -> str:
    """What ``cls`` validates, as text: config, fields (type, default, constraints), validators and
    their code, and the id check's code. Function addresses are dropped (they change per process)."""
    parts = [repr(sorted(cls.model_config.items())), inspect.getsource(model._check_id)]
    for name, field in cls.model_fields.items():
        parts.append(f"{name}: {field.annotation!r} {field.is_required()} {field.default!r} {field.metadata!r}")
    decorators = cls.__pydantic_decorators__
    for kind in _DECORATOR_KINDS:
        for key, dec in sorted(getattr(decorators, kind).items()):
            parts.append(f"{kind} {key} {dec.info!r}\n{inspect.getsource(dec.func)}")
    return re.sub(r" at 0x[0-9a-f]+", "", "\n".join(parts))


def fingerprint(cls: type[BaseModel]) -> str:
    return hashlib.sha256(validation_of(cls).encode()).hexdigest()[:16]


@pytest.mark.parametrize("cls", [Statement, Target, Span], ids=lambda c: c.__name__)
def test_the_validation_the_trusted_constructors_restate_is_unchanged(cls: type[BaseModel]) -> None:
    assert fingerprint(cls) == FINGERPRINTS[cls.__name__], (
        f"{cls.__name__}'s validation changed: revisit the checks of loaders.extract "
        "(trusted_statement, targets.target, spans.evidence) before recording the new fingerprint"
    )


def test_the_fingerprint_sees_a_changed_constraint_and_a_new_validator() -> None:
    class Before(BaseModel):
        start: int = Field(ge=0)

    class Bound(BaseModel):
        start: int = Field(ge=1)

    class Checked(BaseModel):
        start: int = Field(ge=0)

        @model_validator(mode="after")
        def _small(self) -> Checked:
            if self.start > 9:
                raise ValueError("too big")
            return self

    prints = {fingerprint(Before), fingerprint(Bound), fingerprint(Checked)}
    assert len(prints) == 3
    assert "too big" in validation_of(Checked)
    assert "span end before start" in validation_of(Span)  # the after-validator's code is in it
