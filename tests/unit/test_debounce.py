from stockdesk.scanner.debounce import Debouncer


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


def test_a_code_held_in_view_is_one_scan():
    clock = FakeClock()
    debouncer = Debouncer(window_s=1.5, clock=clock)
    accepted = []
    for _ in range(300):  # ten seconds at 30 fps
        accepted.append(debouncer.accept("4006381333931"))
        clock.advance(1 / 30)
    assert accepted.count(True) == 1
    assert accepted[0] is True


def test_the_same_code_again_after_the_window_is_a_new_scan():
    clock = FakeClock()
    debouncer = Debouncer(window_s=1.5, clock=clock)
    assert debouncer.accept("A")
    clock.advance(1.0)
    assert not debouncer.accept("A")
    clock.advance(1.6)
    assert debouncer.accept("A")


def test_window_counts_from_the_last_sighting_not_the_first():
    clock = FakeClock()
    debouncer = Debouncer(window_s=1.5, clock=clock)
    assert debouncer.accept("A")
    clock.advance(1.4)
    assert not debouncer.accept("A")
    clock.advance(1.4)  # 2.8 s after the first sighting, 1.4 s after the last
    assert not debouncer.accept("A")


def test_different_codes_are_each_a_scan_and_do_not_reset_each_other():
    clock = FakeClock()
    debouncer = Debouncer(window_s=1.5, clock=clock)
    assert debouncer.accept("A")
    assert debouncer.accept("B")
    clock.advance(0.5)
    assert not debouncer.accept("A")
    assert not debouncer.accept("B")


def test_explicit_time_overrides_the_clock_and_reset_forgets():
    debouncer = Debouncer(window_s=1.5, clock=lambda: 0.0)
    assert debouncer.accept("A", now=10.0)
    assert not debouncer.accept("A", now=11.0)
    debouncer.reset()
    assert debouncer.accept("A", now=11.1)
