"""Key-person rules: each with a positive and a negative case."""

import pytest

from kam.people.rules import is_title_below_influence, key_person_reasons


def reasons(**changes: object) -> list[str]:
    given = {"decision_roles": [], "buying_influence": "", "influence": None,
             "visibility": "explicit", **changes}  # fmt: skip
    return key_person_reasons(**given)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"decision_roles": ["decider"]}, ["deciding_role"]),
        ({"decision_roles": ["approver", "user"]}, ["deciding_role"]),
        ({"decision_roles": ["user", "influencer", "gatekeeper"]}, []),
        ({"buying_influence": "economic_buyer"}, ["economic_buyer"]),
        ({"buying_influence": "technical_buyer"}, []),
        ({"influence": 7}, ["high_influence"]),
        ({"influence": 6}, []),
        ({"visibility": "hidden", "influence": 5}, ["hidden_influence"]),
        ({"visibility": "hidden", "influence": 4}, []),
        ({"visibility": "explicit", "influence": 5}, []),
        ({"visibility": "hidden", "influence": 9, "decision_roles": ["decider"]},
         ["deciding_role", "high_influence", "hidden_influence"]),
    ],
)  # fmt: skip
def test_it_flags_key_persons_by_the_spec_rules(changes: dict, expected: list[str]) -> None:
    assert reasons(**changes) == expected


@pytest.mark.parametrize(
    ("seniority", "influence", "edges", "expected"),
    [
        ("operational", 5, 0, True),
        ("operational", 4, 0, False),
        ("middle", 7, 0, True),
        ("middle", 6, 0, False),
        ("middle", None, 3, True),
        ("middle", None, 2, False),
        ("executive", 10, 9, False),
    ],
)
def test_it_flags_a_title_below_the_influence(
    seniority: str, influence: int | None, edges: int, expected: bool
) -> None:
    assert (
        is_title_below_influence(seniority=seniority, influence=influence, informal_edges=edges)
        is expected
    )
