"""Display names that cannot hide text or pass for someone else.

- Normalised: Unicode NFKC (so full-width and styled letters become plain ones)
  and runs of white space collapsed, on every save (User.save) and in every form.
- Refused: bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F,
  U+061C), zero-width and other invisible characters (U+200B–U+200D, U+2060,
  U+FEFF, Hangul fillers, every other Cc/Cf character), variation selectors and
  stacks of combining marks. The forms say so; `User.save` strips them as a
  last line for any path that skips the forms.
- Flagged: a name that mixes scripts (Latin with Cyrillic or Greek look-alikes,
  for example) is kept but marked for administrators. A name written in one
  script, Latin or not, is fine; Japanese and Korean script mixes are one script.
- Refused: a name that equals a trainer's, team lead's or administrator's name,
  ignoring case, or looks the same once confusable characters are mapped to one
  representative (the Unicode TR39 confusables data, via confusable_homoglyphs),
  unless it is that person's own account.
"""

import unicodedata
from functools import lru_cache

from confusable_homoglyphs import categories, confusables
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BIDI_CONTROLS = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]} | {
    "\u200e",
    "\u200f",
    "\u061c",
}
INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u115f", "\u1160", "\u3164"}
INVISIBLE |= {"\uffa0", "\u180e", "\u2800", "\u034f"}
MAX_COMBINING_RUN = 2
#: Scripts that are written together as one.
SCRIPT_FAMILIES = [{"HAN", "HIRAGANA", "KATAKANA"}, {"HAN", "HANGUL"}]


def _refused(ch: str) -> bool:
    if ch in BIDI_CONTROLS or ch in INVISIBLE:
        return True
    if 0xFE00 <= ord(ch) <= 0xFE0F or 0xE0100 <= ord(ch) <= 0xE01EF:  # variation selectors
        return True
    if 0xE0000 <= ord(ch) <= 0xE007F:  # tag characters
        return True
    return unicodedata.category(ch) in {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}


def display_name_normalise(value: str) -> str:
    """NFKC, refused characters removed, white space collapsed."""
    value = unicodedata.normalize("NFKC", value or "")
    value = "".join(
        " " if ch in "\t\n\r" else ch for ch in value if ch in "\t\n\r" or not _refused(ch)
    )
    return " ".join(value.split())


def display_name_problem(value: str) -> str | None:
    """Why a name as typed is refused, or None."""
    value = unicodedata.normalize("NFKC", value or "")
    for ch in value:
        if ch in BIDI_CONTROLS:
            return _(
                "Your name contains a hidden character that changes the direction of "
                "text. Type your name without it"
            )
        if ch not in "\t\n\r" and _refused(ch):
            return _(
                "Your name contains an invisible or control character. Type your name using "
                "letters, spaces, hyphens and apostrophes"
            )
    run = 0
    for ch in value:
        run = run + 1 if unicodedata.category(ch) in {"Mn", "Me"} else 0
        if run > MAX_COMBINING_RUN:
            return _("Your name has too many accents on one letter. Type it more simply")
    return None


def _scripts(value: str) -> set[str]:
    letters = "".join(ch for ch in value if ch.isalpha())
    return (
        {alias for alias in categories.unique_aliases(letters) if alias != "COMMON"}
        if letters
        else set()
    )


def display_name_mixes_scripts(value: str) -> bool:
    scripts = _scripts(value)
    if len(scripts) <= 1:
        return False
    return not any(scripts <= family for family in SCRIPT_FAMILIES)


@lru_cache(maxsize=4096)
def _skeleton_char(ch: str) -> str:
    candidates = [ch] + [
        glyph["c"] for glyph in confusables.confusables_data.get(ch, []) if len(glyph["c"]) == 1
    ]
    ascii_ones = [c for c in candidates if c.isascii()]
    return min(ascii_ones or candidates)


def display_name_skeleton(value: str) -> str:
    """One representative per look-alike character, case ignored."""
    value = display_name_normalise(value)
    once = "".join(_skeleton_char(ch) for ch in value).casefold()
    return "".join(_skeleton_char(ch) for ch in once).casefold()


def display_name_validate(value: str, *, user=None) -> str:
    """The name to store, or a ValidationError a person can act on."""
    problem = display_name_problem(value)
    if problem:
        raise ValidationError(problem, code="invisible")
    name = display_name_normalise(value)
    if not name:
        raise ValidationError(_("Enter the name colleagues know you by"), code="required")
    from .selectors import staff_display_names

    folded, skeleton = name.casefold(), display_name_skeleton(name)
    for other in staff_display_names(exclude_pk=getattr(user, "pk", None)):
        if other.casefold() == folded or display_name_skeleton(other) == skeleton:
            raise ValidationError(
                _(
                    "This name is the same as, or looks like, the name of a trainer, team "
                    "lead or administrator. Use a name that tells you apart, for example "
                    "with your surname"
                ),
                code="staff_name",
            )
    return name
