from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models.functions import Lower


class Agency(models.TextChoices):
    POLICE = "police", "Police"
    PROBATION = "probation", "Probation"
    DRUG_ALCOHOL = "drug_alcohol", "Drug and alcohol service"
    PRISON = "prison", "Prison"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    LOCAL_AUTHORITY = "local_authority", "Local authority or housing"
    HEALTH = "health", "Health"
    VOLUNTARY = "voluntary", "Voluntary sector"
    OTHER = "other", "Other"


class UserManager(DjangoUserManager):
    """Users sign in with their email address, matched without regard to case."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A person who uses the platform; roles come from groups (see roles.py)."""

    username = None
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(
        max_length=150,
        help_text="How colleagues see you on the platform, for example ‘Sam Okafor’.",
    )
    agency = models.CharField(
        max_length=32,
        choices=Agency.choices,
        default=Agency.OTHER,
        help_text="The organisation you work for within the IOM partnership.",
    )

    #: The display name mixes scripts (Latin with Cyrillic look-alikes, say):
    #: kept, but shown to administrators as one to check (names.py).
    display_name_mixed_script = models.BooleanField(default=False, editable=False)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    objects = UserManager()

    class Meta:
        ordering = ["display_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.display_name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def save(self, *args, **kwargs):
        # Every path, forms or not: normalised, with no hidden controls (names.py).
        from .names import display_name_mixes_scripts, display_name_normalise

        self.display_name = display_name_normalise(self.display_name)
        self.display_name_mixed_script = display_name_mixes_scripts(self.display_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "display_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "display_name_mixed_script"}
        super().save(*args, **kwargs)

    def get_full_name(self):
        full = f"{self.first_name} {self.last_name}".strip()
        return self.display_name or full or self.email

    def get_short_name(self):
        return self.display_name or self.first_name or self.email


class DataExport(models.Model):
    """A "Download my data" request, built in the background (django-tasks)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being prepared"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    file_name = models.CharField(max_length=200, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            # One export at a time per person, in the database: two requests at
            # once (a double click) make one row, the second finds it.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status__in=["queued", "running"]),
                name="data_export_one_in_progress",
            )
        ]

    def __str__(self):
        return f"Data export {self.pk}"


class PendingSubmission(models.Model):
    """A form posted after its sender's session ended, kept so that nothing they
    wrote is lost: offered back once they sign in (iomsite.accounts.pending).

    Belongs to no account: it is found only through a random token held in the
    browser session that posted it (the row stores the token's hash), and it may
    carry `owner_hint`, a keyed hash saying who was last signed in on that
    browser, so that someone else signing in there is never shown it. Deleted
    when saved or discarded, and at `expires_at` at the latest. Never logged."""

    token_hash = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=40)
    path = models.CharField(max_length=500)
    data = models.JSONField(default=dict)
    owner_hint = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        # Never the text, never the token.
        return f"Pending submission {self.pk}"


class RecordStamp(models.Model):
    """A number that changes whenever the database changes anything a learner's
    own pages show of them (enrolments, progress, certificates, journal entries,
    answers), so what those pages read can be kept under it
    (`iomsite.accounts.record_stamp`). Counted by database triggers on those
    tables, in the writing transaction, so a bulk update, a raw SQL write or a
    rolled-back one moves it exactly as far as it moved the rows. Read with the
    signed-in user in one query (`backends.StampedModelBackend`).

    No foreign-key constraint and no cascade: a row outlives its person, so
    that an id the database hands out again never finds a number it had."""

    user = models.OneToOneField(
        "accounts.User",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="record_stamp",
    )
    version = models.BigIntegerField(default=0)

    def __str__(self):
        return f"Record stamp {self.pk}: {self.version}"
