"""
Issue 12: the quiz importer (the trainer's admin page) has a size cap on upload
and paste, a cap on items, refuses YAML anchors and aliases, and answers each
with a clear line-numbered error, never a 500, in bounded time.
"""

import time

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from quizzes.exchange import FORMAT
from quizzes.factories import classification, dilemma, quiz_index, single_choice
from quizzes.models import QuizPage

URL = "/admin/quizzes/import/"


def _quiz_file(items: list[dict], title: str = "Big bank") -> str:
    return yaml.safe_dump(
        {"format": FORMAT, "title": title, "items": items}, sort_keys=False, allow_unicode=True
    )


def _items(count: int) -> list[dict]:
    kinds = [single_choice, classification, dilemma]
    return [kinds[i % 3]() for i in range(count)]


@pytest.fixture
def importer(client, site_tree, trainer):
    quiz_index()
    client.force_login(trainer)
    return client


def _post(client, text: str, *, upload: bool = False):
    started = time.process_time()
    if upload:
        data = {"file": SimpleUploadedFile("bank.yaml", text.encode(), "application/yaml")}
    else:
        data = {"pasted": text}
    response = client.post(URL, data)
    return response, time.process_time() - started


@pytest.mark.parametrize("upload", [False, True], ids=["pasted", "uploaded"])
def test_a_101_item_file_is_refused_with_the_line_of_item_101(importer, upload):
    text = _quiz_file(_items(101))
    response, _ = _post(importer, text, upload=upload)
    assert response.status_code == 400
    page = response.content.decode()
    assert "a quiz can have at most 100 items and this file has 101" in page
    line = next(
        n for n, row in enumerate(text.splitlines(), 1) if row.startswith("- type")
    )  # the first item's line; item 101 is further down
    assert "line " in page and f"line {line}:" not in page
    assert not QuizPage.objects.filter(title="Big bank").exists()


def test_the_line_given_for_too_many_items_is_where_the_extra_item_starts(importer):
    text = _quiz_file(_items(101))
    starts = [n for n, row in enumerate(text.splitlines(), 1) if row.startswith("- type")]
    response, _ = _post(importer, text)
    assert f"line {starts[100]:,}: a quiz can have at most 100 items" in response.content.decode()


@pytest.mark.parametrize("count", [1_000, 10_000])
def test_large_item_counts_are_refused_quickly(importer, count):
    # Small items so that even 10,000 fit under the size cap and reach the item cap.
    text = f"format: {FORMAT}\ntitle: Big bank\nitems:\n" + "- type: dilemma\n" * count
    response, cpu = _post(importer, text)
    assert response.status_code == 400
    assert f"this file has {count:,}" in response.content.decode()
    assert cpu < 3.0


@pytest.mark.parametrize("upload", [False, True], ids=["pasted", "uploaded"])
def test_a_10000_item_bank_is_refused_by_the_size_cap(importer, upload):
    one = _quiz_file(_items(3))
    head, items = one.split("items:\n", 1)
    text = head + "items:\n" + items * 3334  # 10,002 items, written out in full
    assert len(text) > 2_500_000  # past Django's own request limit when pasted
    response, cpu = _post(importer, text, upload=upload)
    assert response.status_code == 400
    assert "Split it into smaller quizzes" in response.content.decode()
    assert cpu < 3.0


def test_an_oversize_paste_is_refused_with_the_line_where_it_passes_the_cap(importer):
    text = _quiz_file([single_choice(prompt="x" * 499)] + _items(2)) + "#" * 600_000
    response, _ = _post(importer, text)
    assert response.status_code == 400
    page = response.content.decode()
    assert "The pasted text is too long" in page
    assert "passes the 500 KB limit for a quiz file here" in page
    assert not QuizPage.objects.filter(title="Big bank").exists()


BILLION_LAUGHS = """\
format: iom-compass-quiz/1
title: Laughs
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
items: [*i]
"""


def test_an_alias_bomb_is_refused_before_it_is_expanded(importer):
    response, cpu = _post(importer, BILLION_LAUGHS)
    assert response.status_code == 400
    page = response.content.decode()
    assert "line 3: anchors (&amp;a) are not allowed" in page
    assert "line 4: aliases (*a) are not allowed" in page
    assert cpu < 1.0


@pytest.mark.parametrize("depth", [100, 50_000])
def test_deep_nesting_is_refused(importer, depth):
    text = "format: iom-compass-quiz/1\ntitle: Deep\nitems: " + "[" * depth + "]" * depth
    response, cpu = _post(importer, text)
    assert response.status_code == 400
    page = response.content.decode()
    # Ours past 20 levels; libyaml's own limit stops far deeper ones first.
    assert "line 3: nested more than 20 levels deep" in page or (
        "line 3: not valid YAML (exceeded maximum nesting depth)" in page
    )
    assert cpu < 1.0


def test_a_quiz_at_both_limits_imports_within_a_few_seconds(importer):
    long = ("A longer scenario for a large bank of items. " * 44)[:1990]
    items = [single_choice(prompt=f"Question {i}?", scenario=long) for i in range(100)]
    for item in items:
        for option in item["options"]:
            option["feedback"] = long[:600]
    text = _quiz_file(items, title="Largest bank")
    assert 350_000 < len(text.encode()) <= 500_000
    response, cpu = _post(importer, text)
    page = response.content.decode()
    assert response.status_code == 200, page[page.find("help-critical") :][:1500]
    assert len(QuizPage.objects.get(title="Largest bank").items) == 100
    assert cpu < 5.0


@override_settings(RATE_LIMITS={"default": ("30/m", "300/m"), "quiz_import": ("2/m", "20/m")})
def test_imports_past_the_rate_are_refused_and_create_nothing(importer):
    text = _quiz_file(_items(1), title="Once")
    assert _post(importer, text)[0].status_code == 200
    assert _post(importer, text.replace("Once", "Twice"))[0].status_code == 200
    refused, _ = _post(importer, text.replace("Once", "Thrice"))
    assert refused.status_code == 429
    assert not QuizPage.objects.filter(title="Thrice").exists()
    assert importer.get(URL).status_code == 200  # the page itself still opens
