from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext_noop, ngettext

from thoughtpieces.importing.document import ImportFailure
from thoughtpieces.importing.reader import FORMATS, parse
from thoughtpieces.models import ThoughtPieceIndexPage
from thoughtpieces.services import thought_piece_import

# Singular and plural wording of each count in ParsedPiece.summary_counts().
_COUNT_WORDS = {
    "headings": (gettext_noop("%(n)d heading"), gettext_noop("%(n)d headings")),
    "tables": (gettext_noop("%(n)d table"), gettext_noop("%(n)d tables")),
    "figures": (gettext_noop("%(n)d figure"), gettext_noop("%(n)d figures")),
    "questions": (gettext_noop("%(n)d question"), gettext_noop("%(n)d questions")),
    "references": (gettext_noop("%(n)d reference"), gettext_noop("%(n)d references")),
}


class Command(BaseCommand):
    help = (
        "Import Thought Pieces from Markdown (with YAML front matter) or pasted text. "
        "Re-importing a reference code adds a revision to the existing piece."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--format", choices=FORMATS, help="Default: guessed from the file.")
        parser.add_argument("--parent", help="Slug of the Thought Piece index page.")
        parser.add_argument("--publish", action="store_true", help="Publish, not just draft.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would be created.")
        parser.add_argument(
            "--reference", default="", help="Reference for a piece whose text gives none."
        )

    def handle(
        self,
        *args,
        paths,
        format=None,
        parent=None,
        publish=False,
        dry_run=False,
        reference="",
        **opts,
    ):
        index = ThoughtPieceIndexPage.objects.filter(**({"slug": parent} if parent else {})).first()
        if index is None:
            raise CommandError(
                f"no Thought Piece index page with slug {parent!r}"
                if parent
                else "no Thought Piece index page: run load_demo or create one in the admin"
            )
        failures = 0
        for path_name in paths:
            path = Path(path_name)
            try:
                if not path.is_file():
                    raise ImportFailure("no such file")
                parsed = parse(data=path.read_bytes(), name=path.name, fmt=format)
                with transaction.atomic():
                    result = thought_piece_import(
                        parsed=parsed,
                        parent=index,
                        publish=publish,
                        dry_run=dry_run,
                        reference=reference,
                    )
            except ImportFailure as failure:
                failures += 1
                self.stderr.write(f"{path_name}: {failure}")
                continue
            counts = ", ".join(
                ngettext(*_COUNT_WORDS[name], n) % {"n": n} for name, n in result.counts.items()
            )
            if dry_run:
                action = "would create" if result.created else "would update"
            else:
                action = "created" if result.created else "updated (new revision)"
                action += " and published" if result.published else " as a draft"
            self.stdout.write(
                f"{path_name}: {action} “{result.title}” {result.reference}: {counts}"
            )
            if result.missing:
                self.stdout.write(f"{path_name}: could not find: {', '.join(result.missing)}")
            if result.stand_in_reference:
                self.stdout.write(
                    f"{path_name}: no reference in the text, so it is filed under the stand-in "
                    f"{result.reference}: give it its own with --reference or in the editor"
                )
            for line in result.unplaced:
                self.stdout.write(f"{path_name}: could not place: {line}")
        if failures:
            raise CommandError(f"{failures} of {len(paths)} file(s) could not be imported")
