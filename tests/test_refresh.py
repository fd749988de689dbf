from pipelines.refresh import FolderState, observe_folder, plan_refresh
from pipelines.seed_folder import SETTLED_SECONDS


def test_a_new_file_waits_one_look_before_it_is_processed():
    first = plan_refresh(FolderState(), {"a.txt": "10:1"}, now=0)
    assert first.to_process == [] and first.waiting == ["a.txt"]
    second = plan_refresh(first.state, {"a.txt": "10:1"}, now=0)
    assert second.changed == ["a.txt"] and second.waiting == []
    third = plan_refresh(second.state, {"a.txt": "10:1"}, now=0)
    assert third.to_process == []


def test_a_file_still_growing_is_not_read_half_way():
    state = plan_refresh(FolderState(), {"a.txt": "10:1"}, now=0).state
    growing = plan_refresh(state, {"a.txt": "20:2"}, now=0)
    assert growing.to_process == [] and growing.waiting == ["a.txt"]
    assert plan_refresh(growing.state, {"a.txt": "20:2"}, now=0).changed == ["a.txt"]


def test_changed_and_deleted_files_are_processed():
    state = FolderState(seen={"a.txt": "10:1", "b.txt": "5:1"})
    looked = plan_refresh(state, {"a.txt": "11:2"}, now=0)
    assert looked.deleted == ["b.txt"] and looked.changed == []
    again = plan_refresh(looked.state, {"a.txt": "11:2"}, now=0)
    assert again.changed == ["a.txt"]
    assert "b.txt" not in again.state.seen


def test_cursor_round_trips_and_run_keys_are_stable():
    plan = plan_refresh(FolderState(pending={"文章.txt": "3:3"}), {"文章.txt": "3:3"}, now=0)
    restored = FolderState.from_cursor(plan.state.to_cursor())
    assert restored == plan.state
    same = plan_refresh(FolderState(pending={"文章.txt": "3:3"}), {"文章.txt": "3:3"}, now=0)
    assert same.run_key() == plan.run_key()
    assert FolderState.from_cursor(None) == FolderState()


def test_a_file_untouched_for_a_while_is_taken_at_the_first_look():
    signature = "10:1000000000"  # modified at t = 1 s
    assert plan_refresh(FolderState(), {"a.txt": signature}, now=1 + SETTLED_SECONDS - 0.5).waiting == [
        "a.txt"
    ]
    assert plan_refresh(FolderState(), {"a.txt": signature}, now=1 + SETTLED_SECONDS).changed == ["a.txt"]


def test_observe_folder_skips_files_being_dropped(tmp_path):
    (tmp_path / "done.txt").write_text("x", encoding="utf-8")
    (tmp_path / "coming.txt.part").write_text("x", encoding="utf-8")
    (tmp_path / ".hidden").write_text("x", encoding="utf-8")
    assert list(observe_folder(tmp_path)) == ["done.txt"]


def test_a_look_pauses_until_the_last_settling_file_would_be_settled():
    from pipelines.refresh import SETTLE_MARGIN_SECONDS, settling_pause

    now = 1000.0
    observed = {"old.txt": f"3:1:{int((now - 60) * 1e9)}", "new.txt": f"3:1:{int((now - 0.5) * 1e9)}"}
    plan = plan_refresh(FolderState(), observed, now=now)
    assert plan.waiting == ["new.txt"]
    assert abs(settling_pause(plan, observed, now) - (SETTLED_SECONDS - 0.5 + SETTLE_MARGIN_SECONDS)) < 1e-6
    future = {"skewed.txt": f"3:1:{int((now + 60) * 1e9)}"}  # a clock ahead: never more than the settle time
    skewed = plan_refresh(FolderState(), future, now=now)
    assert settling_pause(skewed, future, now) == SETTLED_SECONDS + SETTLE_MARGIN_SECONDS
    assert (
        settling_pause(plan_refresh(FolderState(), {"old.txt": observed["old.txt"]}, now=now), observed, now)
        == 0
    )
