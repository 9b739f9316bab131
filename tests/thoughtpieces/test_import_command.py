"""`import_thoughtpiece`, on the real seeds, on web copies and on bad input."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from tests.thoughtpieces.imported import GOOD_MARKDOWN, import_file, piece_revision
from tests.thoughtpieces.parsed import SEEDS, WEB
from thoughtpieces.models import ThoughtPiecePage

pytestmark = pytest.mark.django_db

LEGAL_FRAMEWORK = SEEDS / "004_eda3a18fbc1bb373.txt"
RESEARCH_ARTICLE = SEEDS / "000_5f16f30e4b50c4db.txt"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed documents not at {SEEDS}")


@needs_seeds
def test_the_legal_framework_seed_imports_completely(site_tree, capsys):
    call_command("import_thoughtpiece", str(LEGAL_FRAMEWORK), "--publish")
    assert "created and published “The Legal Framework” KR/TP/8" in capsys.readouterr().out
    page = ThoughtPiecePage.objects.get(reference="KR/TP/8")
    assert page.live
    assert (page.title, page.version, page.full_reference) == (
        "The Legal Framework",
        "1.0",
        "KR/TP/8/1.0",
    )
    assert [a.name for a in page.authors.all()] == ["Anne Robinson"]
    questions = [q.text for q in page.questions.all()]
    assert len(questions) == 6
    assert questions[0].startswith("To what extent do your local IOM arrangements")
    assert questions[5].startswith("What do you feel will be the most significant influences")
    types = [block.block_type for block in page.body]
    tables = [block.value for block in page.body if block.block_type == "table"]
    assert len(tables) == 2
    assert len(tables[0]["data"]) == 4  # three strands, plus the header row
    assert tables[1]["data"][0] == ["Crime Control", "Due Process"]
    assert len(tables[1]["data"]) == 2
    statutes = [block.value for block in page.body if block.block_type == "statute"]
    assert len(statutes) == 1 and len(statutes[0]["clauses"]) == 2
    assert "private and family life" in statutes[0]["clauses"][0]
    captions = [block.value["caption"] for block in page.body if block.block_type == "figure"]
    assert captions == [
        "Fig 1: Influences on IOM",
        "Fig 2: Types of compliance",
        "Fig 3: Promoting compliance",
        "Fig 4: Future influences on IOM",
    ]
    assert "summary" in types
    assert page.references.count() >= 4
    everything = page.abstract + str(page.body.raw_data)
    for chrome in (
        "Create your own Brochure",
        "Search our Site",
        "Skip to content",
        "Monday 22 January 2018",
    ):
        assert chrome not in everything


@needs_seeds
def test_the_research_article_seed_imports_with_quotes_and_references(site_tree):
    call_command("import_thoughtpiece", str(RESEARCH_ARTICLE), "--publish")
    page = ThoughtPiecePage.objects.get()
    assert "Emily Evans" in page.authors.first().name
    assert page.references.count() == 14
    attributions = [b.value["attribution"] for b in page.body if b.block_type == "quotation"]
    assert "Offender 14" in attributions
    assert all(attributions)
    assert "‹ Previous" not in str(page.body.raw_data)


@needs_seeds
def test_a_seed_renders_as_a_page(client, site_tree):
    call_command("import_thoughtpiece", str(LEGAL_FRAMEWORK), "--publish")
    content = client.get(ThoughtPiecePage.objects.get().url).content.decode()
    assert "Thought Piece KR/TP/8/1.0" in content
    assert "Fig 4: Future influences on IOM" in content


@needs_seeds
def test_reimporting_a_seed_adds_a_revision_not_a_page(site_tree):
    call_command("import_thoughtpiece", str(LEGAL_FRAMEWORK), "--publish")
    page = ThoughtPiecePage.objects.get()
    question_ids = list(page.questions.values_list("pk", flat=True))
    call_command("import_thoughtpiece", str(LEGAL_FRAMEWORK), "--publish")
    assert ThoughtPiecePage.objects.count() == 1
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == 2
    assert list(page.questions.values_list("pk", flat=True)) == question_ids


@needs_seeds
def test_dry_run_prints_the_counts_and_writes_nothing(site_tree, capsys):
    call_command("import_thoughtpiece", str(LEGAL_FRAMEWORK), "--dry-run")
    out = capsys.readouterr().out
    assert "would create “The Legal Framework” KR/TP/8" in out
    assert "2 tables, 4 figures, 6 questions" in out
    assert not ThoughtPiecePage.objects.exists()


def test_markdown_imports_as_a_draft(site_tree, tmp_path, capsys):
    import_file(tmp_path, "short.md", GOOD_MARKDOWN)
    assert "created as a draft “A short piece” T/1" in capsys.readouterr().out
    page = ThoughtPiecePage.objects.get()
    assert not page.live
    assert [q.text for q in piece_revision(page).questions.all()] == ["What next?"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.md", b"", "the file is empty"),
        ("blank.txt", b"   \n\n", "the file is empty"),
        ("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        ("untitled.md", b"---\nreference: T/9\n---\n\nJust a paragraph.\n", "no title"),
        (
            "badyaml.md",
            b"---\ntitle: [unclosed\n---\n\n# Title\n",
            "front matter is not valid YAML",
        ),
        ("noabstract.md", b"---\ntitle: T\nreference: T/2\n---\n\nWords.\n", "no abstract"),
        (
            "badref.md",
            b"---\ntitle: T\nreference: kr tp 8\nabstract: A.\n---\n\nWords.\n",
            "reference: Use capital letters",
        ),
    ],
)
def test_malformed_input_fails_with_one_line_naming_the_file(
    site_tree, tmp_path, capsys, name, content, message
):
    with pytest.raises(CommandError, match="1 of 1 file"):
        import_file(tmp_path, name, content)
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert err.startswith(str(tmp_path / name) + ": ")
    assert message in err
    assert not ThoughtPiecePage.objects.exists()


def test_a_reference_clash_with_a_different_title_changes_nothing(site_tree, tmp_path, capsys):
    import_file(tmp_path, "short.md", GOOD_MARKDOWN, "--publish")
    page = ThoughtPiecePage.objects.get()
    revisions = page.revisions.count()
    clash = GOOD_MARKDOWN.replace("title: A short piece", "title: Something different")
    with pytest.raises(CommandError):
        import_file(tmp_path, "clash.md", clash)
    assert "reference T/1 already belongs to “A short piece”" in capsys.readouterr().err
    assert page.revisions.count() == revisions
    assert ThoughtPiecePage.objects.get().title == "A short piece"


def test_good_files_still_import_when_another_fails(site_tree, tmp_path):
    good = tmp_path / "good.md"
    good.write_text(GOOD_MARKDOWN)
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"")
    with pytest.raises(CommandError, match="1 of 2 file"):
        call_command("import_thoughtpiece", str(bad), str(good))
    assert ThoughtPiecePage.objects.count() == 1


def test_a_missing_file_and_an_unknown_parent_are_clear_errors(site_tree, tmp_path, capsys):
    with pytest.raises(CommandError):
        call_command("import_thoughtpiece", str(tmp_path / "nope.md"))
    assert "nope.md: no such file" in capsys.readouterr().err
    with pytest.raises(CommandError, match="no Thought Piece index page with slug 'elsewhere'"):
        call_command("import_thoughtpiece", str(tmp_path / "nope.md"), "--parent", "elsewhere")


def test_the_command_says_when_it_files_a_piece_under_a_stand_in_reference(
    site_tree, tmp_path, capsys
):
    import_file(tmp_path, "bulletin.txt", (WEB / "partnership_bulletin.txt").read_bytes())
    out = capsys.readouterr().out
    assert "could not find: reference, version, authors, questions" in out
    assert "no reference in the text, so it is filed under the stand-in IMPORT/" in out
    assert "could not place: Community Safety Bulletin" in out
    import_file(
        tmp_path, "blog.txt", (WEB / "university_blog.txt").read_bytes(), "--reference", "UW/B/3"
    )
    assert ThoughtPiecePage.objects.filter(reference="UW/B/3").exists()


def test_the_command_counts_in_the_singular_too(site_tree, tmp_path, capsys):
    import_file(tmp_path, "short.md", GOOD_MARKDOWN)
    out = capsys.readouterr().out
    assert "1 heading, 0 tables, 0 figures, 1 question, 0 references" in out
