"""`make bench-instructions`: the pages it counts answer as a person would see
them (the count itself needs valgrind and runs in `make bench-instructions`)."""

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from iomsite.demo import demo_load
from journals.management.commands import bench_instructions

pytestmark = pytest.mark.django_db


def test_every_page_it_counts_answers_200(monkeypatch):
    monkeypatch.undo()  # the benchmark signs its own people in, past two-factor
    demo_load(with_accounts=True)
    pages = bench_instructions.Command()._pages(team=4, learner="practitioner@example.org")
    labels = [label for label, _client, _url in pages]
    assert labels[0].startswith("Bare Django view") and labels[-1].startswith("Team progress")
    with override_settings(ROOT_URLCONF=bench_instructions.BENCH_URLS):
        for label, client, url in pages:
            assert client.get(url).status_code == 200, label


def test_it_says_what_is_missing(monkeypatch, db):
    with pytest.raises(CommandError, match="at least 1"):
        call_command("bench_instructions", "--renders", "0")
    monkeypatch.delenv(bench_instructions.UNDER_CALLGRIND, raising=False)
    monkeypatch.setattr(bench_instructions.shutil, "which", lambda name: None)
    with pytest.raises(CommandError, match="valgrind is not installed"):
        call_command("bench_instructions")


def test_without_the_demo_it_says_so(db):
    with pytest.raises(CommandError, match="load_demo"):
        bench_instructions.Command()._pages(team=0, learner="nobody@example.org")
