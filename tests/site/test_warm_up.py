"""A process freezes what it holds after its 1st, 10th and 100th responses
(`iomsite.warm_up`), and never again."""

from django.http import HttpResponse

from iomsite import warm_up


def test_freezes_after_the_first_tenth_and_hundredth_response(monkeypatch):
    frozen_at = []
    monkeypatch.setattr(warm_up, "_responses", 0)
    monkeypatch.setattr(warm_up, "freeze", lambda: frozen_at.append(warm_up._responses))
    middleware = warm_up.FreezeAfterWarmUp(lambda request: HttpResponse("ok"))
    for _ in range(250):
        assert middleware(None).content == b"ok"
    assert frozen_at == [1, 10, 100]


def test_a_benchmark_that_froze_itself_is_left_alone(monkeypatch):
    calls = []
    monkeypatch.setattr(warm_up, "_responses", 0)
    monkeypatch.setattr(warm_up.gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(warm_up.gc, "collect", lambda: calls.append("collect"))
    warm_up.freeze_done()
    middleware = warm_up.FreezeAfterWarmUp(lambda request: HttpResponse("ok"))
    for _ in range(150):
        middleware(None)
    assert calls == ["collect", "freeze"]
