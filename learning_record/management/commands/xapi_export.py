"""Write a learner's or a course's statements as a JSON array an LRS accepts.

manage.py xapi_export --user someone@example.org > statements.json
manage.py xapi_export --course 42 --output course.json   # a page id or a slug
"""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from wagtail.models import Page

from learning_record.activities import page_activity
from learning_record.models import Statement
from learning_record.xapi import statement_json


class Command(BaseCommand):
    help = "Export xAPI statements (JSON array) for one learner or one course."

    def add_arguments(self, parser):
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--user", help="the learner's email address")
        who.add_argument("--course", help="the course page's id or slug")
        parser.add_argument("--output", help="a file to write (default: standard output)")

    def handle(self, *args, user, course, output, **options):
        if user:
            person = get_user_model().objects.filter(email__iexact=user.strip()).first()
            if person is None:
                raise CommandError(f"No account with the email address {user!r}.")
            statements = Statement.objects.filter(actor=person)
        else:
            lookup = {"pk": int(course)} if course.isdigit() else {"slug": course}
            page = Page.objects.filter(**lookup).first()
            if page is None:
                raise CommandError(f"No page with the id or slug {course!r}.")
            iri = page_activity(page).iri
            # The course FK is set when a statement belongs to exactly one course;
            # the parents list names every course it was made in.
            statements = Statement.objects.filter(
                Q(course_id=page.pk) | Q(context_parents__icontains=iri)
            )
        payload = [statement_json(s) for s in statements.order_by("timestamp", "id").iterator()]
        text = json.dumps(payload, indent=2, ensure_ascii=False)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            self.stdout.write(f"Wrote {len(payload)} statement(s) to {output}.")
        else:
            self.stdout.write(text)
