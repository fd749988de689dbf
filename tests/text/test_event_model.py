import numpy as np

from pipelines.text import event_model
from pipelines.text.records import Mention
from pipelines.text.tagger import Head, viterbi


def test_viterbi_decodes_tag_sets_larger_than_127():
    """The event triggers have 147 tags: back pointers must hold indices past an int8."""
    tags = ("O", *[f"{p}-{k}" for k in range(100) for p in ("B", "I")])
    size = len(tags)
    head = Head.from_json(
        {
            "name": "t",
            "tags": tags,
            "transitions": np.zeros((size, size)).tolist(),
            "start": [0.0] * size,
            "end": [0.0] * size,
        }
    )
    scores = np.zeros((1, 4, size), dtype=np.float32)
    want = [tags.index("B-70"), tags.index("I-70"), tags.index("I-70"), 0]
    for t, k in enumerate(want):
        scores[0, t, k] = 5.0
    assert viterbi(scores, np.array([4]), head)[0].tolist() == want


def test_mention_column_marks_begin_and_inside_by_type():
    mentions = [Mention(2, 5, "阿里巴", "ORG", "t", 1.0), Mention(7, 9, "杭州", "LOCATION", "t", 1.0)]
    column = event_model.mention_column(10, mentions, offset=0)
    org = 1 + 2 * event_model.MENTION_TYPES.index("ORG")
    place = 1 + 2 * event_model.MENTION_TYPES.index("LOCATION")
    assert column.tolist() == [0, 0, org, org + 1, org + 1, 0, 0, place, place + 1, 0]
    # a piece that starts inside a mention continues it (no begin mark)
    assert event_model.mention_column(3, mentions, offset=3).tolist() == [org + 1, org + 1, 0]


def test_distance_buckets_are_signed_log2_and_zero_inside_the_trigger():
    column = event_model.distance_column(12, 4, 6) - event_model.DISTANCE_BUCKETS - 1
    assert column.tolist() == [-3, -2, -2, -1, 0, 0, 1, 2, 2, 3, 3, 3]


def test_slots_a_type_has_no_role_for_are_forbidden_at_decoding():
    penalty = event_model._slot_penalty(event_model.SLOT_TAGS, [2, 6])
    allowed = [t for t, p in zip(event_model.SLOT_TAGS, penalty[0], strict=True) if p == 0]
    assert allowed == ["O", "B-0", "I-0", "B-1", "I-1"]
    assert (penalty[1] == 0).all()


def test_the_shipped_tagger_only_labels_roles_of_the_marked_type():
    tagger = event_model.event_tagger()
    text = "雀巢宣布裁员4000人。"
    base = tagger.base_features(text, [])
    (spans,) = tagger.arguments([event_model.with_trigger(base, 4, 6, "组织关系-裁员")], ["组织关系-裁员"])
    assert {s.role for s in spans} <= set(event_model.taxonomy()["组织关系-裁员"])
    assert ("裁员人数", "4000人") in {(s.role, text[s.start : s.end]) for s in spans}


def test_the_shipped_trigger_head_finds_nothing_where_every_best_tag_is_o():
    """`EventTagger` skips decoding a piece whose best tag is O everywhere and prunes the rest
    (`pruned_viterbi`): exact only while the head adds nothing out of O and nothing positive anywhere."""
    head = next(h for h in event_model.event_tagger().tagger.heads if h.name == "triggers")
    assert head.transitions.max() <= 0 and head.start.max() <= 0 and head.end.max() <= 0
    assert not head.transitions[0, [k for k, t in enumerate(head.tags) if not t.startswith("I-")]].any()
    assert head.start[0] == 0 and head.end[0] == 0
