"""editions.record.NamedTuple makes the classes typing.NamedTuple makes."""

from __future__ import annotations

import pickle
import typing

import pytest

from editions.model import Segment
from editions.record import NamedTuple


class Pair(NamedTuple):
    """Two things."""

    left: str
    right: int = 0
    tags: tuple[str, ...] = ()

    def swapped(self) -> tuple[int, str]:
        return self.right, self.left

    @property
    def total(self) -> int:
        return len(self.left) + self.right


class TypingPair(typing.NamedTuple):
    """Two things."""

    left: str
    right: int = 0
    tags: tuple[str, ...] = ()


def test_fields_defaults_and_methods_are_those_of_typing_named_tuple() -> None:
    assert Pair._fields == TypingPair._fields == ("left", "right", "tags")
    assert Pair._field_defaults == TypingPair._field_defaults == {"right": 0, "tags": ()}
    assert Pair.__doc__ == TypingPair.__doc__ == "Two things."
    assert list(Pair.__annotations__) == list(TypingPair.__annotations__)
    pair = Pair("ab", 3)
    assert pair == ("ab", 3, ()) and isinstance(pair, tuple)
    assert pair.swapped() == (3, "ab") and pair.total == 5
    assert pair._replace(right=4) == Pair("ab", 4)
    assert Pair._make(["x", 1, ("t",)]).tags == ("t",)
    assert repr(pair) == "Pair(left='ab', right=3, tags=())"
    assert Pair.__module__ == __name__ and Pair.__qualname__ == "Pair"
    with pytest.raises(AttributeError):
        pair.left = "c"  # type: ignore[misc]
    assert not hasattr(pair, "__dict__")


def test_records_pickle_as_workers_send_them() -> None:
    pair = Pair("ab", 3, ("t",))
    assert pickle.loads(pickle.dumps(pair)) == pair
    segment = Segment("title", "title", "Hello", "a.md", 1, "The title")
    assert pickle.loads(pickle.dumps(segment)) == segment


def test_mistakes_typing_refuses_are_refused() -> None:
    with pytest.raises(TypeError, match="without a default follows"):

        class Bad(NamedTuple):
            first: int = 0
            second: int

    with pytest.raises(AttributeError, match="_replace"):

        class Clash(NamedTuple):
            first: int

            def _replace(self) -> None:
                pass
