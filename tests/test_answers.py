import pytest

from overdue_aid.answers import parse_yes_no
from overdue_aid.errors import OverdueError


@pytest.mark.parametrize("text, expected", [("y", True), ("Yes ", True), ("是", True), ("会的", True), (True, True),
                                            ("n", False), ("NO", False), ("不会", False), ("没有", False)])
def test_yes_and_no_in_both_languages(text, expected):
    assert parse_yes_no(text, "field") is expected


@pytest.mark.parametrize("text", ["maybe", "", "也许"])
def test_anything_else_is_bad_input_naming_the_field(text):
    with pytest.raises(OverdueError) as caught:
        parse_yes_no(text, "Stop request")
    assert caught.value.exit_code == 2 and "Stop request" in caught.value.message()
