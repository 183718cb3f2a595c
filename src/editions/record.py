"""``NamedTuple`` classes without importing :mod:`typing`.

``class Segment(NamedTuple): id: str ...`` makes the same class here as with
``typing.NamedTuple``: a :func:`collections.namedtuple` with the annotated fields,
their defaults, and the methods and docstring of the class body. Type checkers
see ``typing.NamedTuple`` itself and check every field's type.

Why not ``typing.NamedTuple``: importing :mod:`typing` and turning every field's
annotation into a ``ForwardRef`` took 5 to 6 ms of the 60 ms of a one-document
``editions extract`` (measured with ``python -X importtime``), and nothing else
``extract`` or ``update`` runs imports :mod:`typing`.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    from collections import namedtuple

    #: What the class statement puts in its namespace besides fields and methods.
    _MADE_BY_PYTHON = frozenset({"__module__", "__qualname__", "__annotations__"})
    #: What a named tuple's methods rely on (``typing.NamedTuple`` refuses these too).
    _PROHIBITED = frozenset(
        {"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults"}
        | {"_make", "_replace", "_asdict", "_source"}
    )

    class _NamedTupleMaker(type):
        """Makes each class statement that names :class:`NamedTuple` a named tuple."""

        def __new__(mcls, name: str, bases: tuple[type, ...], body: dict) -> type:
            if not bases:  # NamedTuple itself
                return super().__new__(mcls, name, bases, body)
            annotations = body.get("__annotations__", {})
            fields = list(annotations)
            defaults = [body[field] for field in fields if field in body]
            if any(field not in body for field in fields[len(fields) - len(defaults) :]):
                raise TypeError(f"{name}: a field without a default follows one with a default")
            cls = namedtuple(name, fields, defaults=defaults, module=body["__module__"])
            cls.__qualname__ = body["__qualname__"]
            cls.__annotations__ = annotations
            for key, value in body.items():
                if key not in _MADE_BY_PYTHON and key not in fields:
                    if key in _PROHIBITED:
                        raise AttributeError(f"{name}: cannot overwrite {key}")
                    setattr(cls, key, value)
            return cls

    class NamedTuple(metaclass=_NamedTupleMaker):
        """Base of a class statement that makes a named tuple (see the module)."""
