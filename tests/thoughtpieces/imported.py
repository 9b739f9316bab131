"""Shared by the import tests: a good Markdown piece, the command run on a file, and
the draft an import leaves."""

from django.core.management import call_command

from thoughtpieces.models import ThoughtPiecePage

GOOD_MARKDOWN = """---
title: A short piece
reference: T/1
version: "1.0"
authors: [Jo Bloggs]
abstract: A few words on what follows.
---

## Opening

Some words about IOM.

## Questions to consider

1. What next?
"""


def import_file(tmp_path, name: str, content: bytes | str, *args):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    call_command("import_thoughtpiece", str(path), *args)
    return path


def piece_revision(page):
    return ThoughtPiecePage.objects.get(pk=page.pk).get_latest_revision_as_object()
