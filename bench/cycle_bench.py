"""The management cycle wheel (T13) for the latency benchmark (issue 13): the measured
account's wheel and the portfolio roll-up (one page of 50 accounts out of 2,000, all six
phases read in batches), and the roll-up API. Reads only: the data set's plans, assessments
and calendars are the wheel's records.

    from cycle_bench import targets
    for label, url in targets(account): ...
"""


def targets(account: object) -> list[tuple[str, str]]:
    from django.urls import reverse

    return [
        ("Cycle wheel page (account)", reverse("cycle:account", args=[str(account.uuid)])),
        ("Cycle roll-up page (portfolio)", reverse("cycle:portfolio")),
        ("Cycle roll-up API (portfolio)", reverse("api:api_cycle_portfolio") + "?page_size=50"),
    ]
