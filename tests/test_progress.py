from pipelines.progress import FileProgress


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_reports_the_first_file_then_every_few_seconds_and_always_the_last():
    clock, lines = Clock(), []
    progress = FileProgress(lines.append, every=2.0, clock=clock)
    for done in range(1, 11):
        clock.now += 0.5
        progress(done, 10, f"{done:02}.txt")
    assert [line.split(" files")[0] for line in lines] == [
        "parsed 1/10",
        "parsed 5/10",
        "parsed 9/10",
        "parsed 10/10",
    ]
    assert lines[0] == "parsed 1/10 files (10%), 2.0 files/s, about 4s left (last: 01.txt)"
    assert lines[-1] == "parsed 10/10 files (100%), 2.0 files/s (last: 10.txt)"


def test_a_single_file_is_reported_once():
    lines = []
    FileProgress(lines.append, clock=Clock())(1, 1, "a.txt")
    assert len(lines) == 1 and lines[0].startswith("parsed 1/1 files (100%)")
