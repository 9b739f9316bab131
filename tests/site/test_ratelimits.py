"""The shared rate limits: per account, per address, and the 429 page."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from iomsite.ratelimits import rate_limit, rate_limit_exceeded

pytestmark = pytest.mark.django_db


@rate_limit("probe")
def probe_view(request):
    return HttpResponse("ok")


def _post(user=None, address="10.0.0.1"):
    request = RequestFactory().post("/probe/", REMOTE_ADDR=address)
    from django.contrib.auth.models import AnonymousUser

    request.user = user or AnonymousUser()
    return request


@override_settings(RATE_LIMITS={"default": ("30/m", "300/m"), "probe": ("2/m", "3/m")})
def test_a_person_past_their_rate_is_refused(practitioner):
    from django_ratelimit.exceptions import Ratelimited

    assert probe_view(_post(practitioner)).status_code == 200
    assert probe_view(_post(practitioner)).status_code == 200
    with pytest.raises(Ratelimited):
        probe_view(_post(practitioner))


@override_settings(RATE_LIMITS={"default": ("30/m", "300/m"), "probe": ("2/m", "3/m")})
def test_an_address_shared_by_many_people_has_its_own_higher_limit(practitioner, trainer):
    from django_ratelimit.exceptions import Ratelimited

    from iomsite.accounts.factories import UserFactory

    probe_view(_post(practitioner))
    probe_view(_post(trainer))
    probe_view(_post(UserFactory()))
    with pytest.raises(Ratelimited):
        probe_view(_post(UserFactory()))
    assert probe_view(_post(UserFactory(), address="10.0.0.2")).status_code == 200


@override_settings(RATE_LIMITS={"default": ("30/m", "300/m"), "probe": ("1/m", "10/m")})
def test_rate_limit_exceeded_counts_uses(practitioner):
    assert not rate_limit_exceeded(_post(practitioner), "probe")
    assert rate_limit_exceeded(_post(practitioner), "probe")


def test_the_429_page_explains_and_asks_to_wait(client):
    from django_ratelimit.exceptions import Ratelimited

    from iomsite.views import rate_limited

    response = rate_limited(RequestFactory().get("/"), Ratelimited())
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert b"Too many requests" in response.content
