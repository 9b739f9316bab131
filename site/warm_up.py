"""Python's garbage collector, told what a warmed-up server already holds.

The cyclic collector's full passes walk every object the process has: the
modules, URL resolvers, compiled templates and caches a Django process builds
once and keeps. On a warm page that walk was half the time of a Thought Piece
(4.0 ms against 2.0 ms with it frozen). After the first, tenth and hundredth
responses, by which time those are built, `FreezeAfterWarmUp` collects what is
garbage and moves the rest out of the collector's sight (`gc.freeze`, made for
long-running servers). What requests make afterwards is collected as usual.
"""

import gc

FREEZE_AFTER = (1, 10, 100)
_responses = 0


def freeze() -> None:
    """Collect now and keep what survives out of later collections."""
    gc.collect()
    gc.freeze()


def freeze_done() -> None:
    """For a benchmark that has warmed its pages itself: freeze now, and never
    again inside its measured renders."""
    global _responses
    freeze()
    _responses = FREEZE_AFTER[-1]


class FreezeAfterWarmUp:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        global _responses
        response = self.get_response(request)
        if _responses < FREEZE_AFTER[-1]:
            _responses += 1
            if _responses in FREEZE_AFTER:
                freeze()
        return response
