"""The benchmark corpus generator: varied, decodable, deterministic, and fine without devdata."""

import pytest

from benchmarks import corpus
from pipelines.text.decoding import decode_bytes
from tests.paths import DEVDATA, REPO_ROOT

SEEDS = REPO_ROOT / "seeds"


@pytest.fixture(scope="module")
def seeds_only(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    summary = corpus.write_corpus(out, 20, seed=7, devdata=None, seeds_dir=SEEDS)
    return out, summary


def test_writes_n_documents_that_all_decode(seeds_only):
    out, summary = seeds_only
    files = sorted(out.iterdir())
    assert len(files) == summary.files == 20
    decoded = [decode_bytes(path.read_bytes()) for path in files]
    assert all(len(d.text) > 200 for d in decoded)
    assert len({d.encoding for d in decoded}) >= 3
    assert summary.bytes == sum(path.stat().st_size for path in files)
    assert summary.chars >= sum(len(d.text) for d in decoded)


def test_documents_vary_in_layout_and_text(seeds_only):
    out, summary = seeds_only
    texts = [decode_bytes(path.read_bytes()).text for path in sorted(out.iterdir())]
    assert len(set(texts)) == len(texts)
    assert len(summary.layouts) >= 3
    assert any(path.suffix == ".html" for path in out.iterdir()) == ("html" in summary.layouts)


def test_same_seed_same_bytes_and_a_longer_corpus_extends_a_shorter_one(seeds_only):
    out, _ = seeds_only
    sources = corpus.load_sources(None, SEEDS)
    first = [corpus.make_document(i, sources, seed=7)[0] for i in range(6)]
    again = [corpus.make_document(i, sources, seed=7)[0] for i in range(6)]
    other = [corpus.make_document(i, sources, seed=8)[0] for i in range(6)]
    assert [d.data for d in first] == [d.data for d in again]
    assert [d.data for d in first] != [d.data for d in other]
    written = {path.name: path.read_bytes() for path in out.iterdir()}
    assert all(written[d.name] == d.data for d in first)


def test_encodings_round_trip_through_the_decoder():
    text = "阿里云发布新模型\n\n来源:新华网 | ２０２５年７月３１日\n\n阿里云在杭州发布了新一代编程模型。\n"
    for encoding in ("utf-8", "utf-8-sig", "gb18030", "big5", "utf-16"):
        data, used = corpus.encode(text, encoding)
        decoded = decode_bytes(data).text
        if used == "big5":
            assert "雲" in decoded and "發佈" in decoded
        else:
            assert decoded == text


def test_refuses_to_write_into_the_repository():
    with pytest.raises(SystemExit):
        corpus.write_corpus(REPO_ROOT / "seeds_generated", 1, devdata=None, seeds_dir=SEEDS)
    assert not (REPO_ROOT / "seeds_generated").exists()


def test_without_devdata_it_says_so_and_uses_the_seeds(capsys, tmp_path):
    sources = corpus.load_sources(tmp_path / "no_devdata", SEEDS)
    assert sources and {s.origin for s in sources} == {"seed"}
    assert "no devdata" in capsys.readouterr().err


def test_devdata_articles_are_used_when_present():
    if not (DEVDATA / corpus.CEC_ARTICLES).is_file():
        pytest.skip("../shared/devdata is absent")
    sources = corpus.load_sources(DEVDATA, SEEDS)
    origins = {s.origin for s in sources}
    assert origins == {"cec", "pd", "seed"}
    assert all(s.paragraphs for s in sources)


def test_outlet_names_are_read_from_source_fields():
    assert corpus.clean_outlet("来源：生活报") == "生活报"
    assert corpus.clean_outlet("作者：佚名 新闻来源：京华时报") == "京华时报"
    assert corpus.clean_outlet("京华时报") == "京华时报"
    assert corpus.clean_outlet("包头新闻网 发布时间：") is None
    assert corpus.clean_outlet("2005-12") is None
