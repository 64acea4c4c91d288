"""The load test's own logic: when a page meets its goal, and the script wrk runs."""

from benchmarks.load import LUA, Figures
from benchmarks.management.commands.bench_load import Command, Page


def figures(**changed) -> Figures:
    values = {"requests": 3000, "per_second": 120.0, "p50": 40, "p95": 140, "p99": 200, "errors": 0}
    return Figures(**{**values, **changed})


def test_a_page_meets_its_goal_only_with_answers_without_errors_fast_enough_and_often_enough():
    page = Page("caseload", [("/clienten/", "sessionid=x")], p95_goal_ms=150, per_second_goal=100)
    assert Command.goal(page, figures()).endswith(": met")
    assert Command.goal(page, figures(p95=151)).endswith("MISSED")
    assert Command.goal(page, figures(per_second=99.0)).endswith("MISSED")
    assert Command.goal(page, figures(errors=1)).endswith("MISSED")
    # No request finished within the run: nothing was measured, so nothing was met.
    assert Command.goal(page, figures(requests=0, p95=0, per_second=0.0)).endswith("MISSED")


def test_the_floor_has_no_goal():
    assert Command.goal(Page("/healthz/", [("/healthz/", "")], None), figures()) == "(the floor)"


def test_the_script_takes_each_path_with_its_own_session():
    script = LUA % {"pairs": '{{"/clienten/1/", "sessionid=a"}}', "host": '"127.0.0.1"'}
    assert '{{"/clienten/1/", "sessionid=a"}}' in script
    assert 'headers["Cookie"] = pair[2]' in script
    assert "n = n % #requests_ + 1" in script  # the pairs in turn, wrapping round


def test_a_p95_goal_at_many_connections_sets_a_floor_for_the_throughput():
    # 20 connections each always waiting: a p95 of 150 ms passes at least 133 pages a second
    assert round(Command.needed_per_second(150, 20)) == 133
    assert Command.needed_per_second(500, 20) == 40
    # two cores busy at 50 pages a second: 40 ms of CPU per page
    assert Command.cpu_per_page(figures(per_second=50.0), cores=2) == 40
