"""Shared by the search tests: references to search for, a quiz made as a trainer
would, and reading the results page."""

import re

import yaml

from quizzes.exchange import FORMAT, quiz_import
from quizzes.factories import quiz_index
from thoughtpieces.importing.document import ParsedReference

BOTTOMS = ParsedReference(
    "Bottoms, A. (2001) Compliance and community penalties.",
    authors="Bottoms, A.",
    year="2001",
    title="Compliance and community penalties",
    container="Community Penalties: Change and Challenges",
    pages="87-116",
)


PACKER = ParsedReference(
    "Packer, H. (1968) The Limits of the Criminal Sanction.",
    authors="Packer, H.",
    year="1968",
    title="The Limits of the Criminal Sanction",
)


def quiz(*, title: str, items: list[dict], introduction: str = ""):
    """A published quiz, through the quiz-file importer as a trainer would."""
    text = yaml.safe_dump(
        {"format": FORMAT, "title": title, "introduction": introduction, "items": items},
        sort_keys=False,
        allow_unicode=True,
    )
    return quiz_import(text=text, parent=quiz_index(), publish=True)


def search(client, **params):
    return client.get("/search/", params)


def results(response) -> str:
    """The result groups only (not the filters, the form or the header)."""
    content = response.content.decode()
    return "".join(
        re.findall(r'<section class="app-search-group".*?</section>', content, re.DOTALL)
    )


def titles(response) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", title)
        for title in re.findall(
            r'<h3 class="govuk-heading-s[^"]*"><a [^>]*>(.*?)</a>', results(response)
        )
    ]
