from benchmarks.build_benchmark import MIN_JIEBA_SAMPLE, sampling_step


def test_jieba_samples_enough_documents_to_say_something():
    assert sampling_step(100_000, 1000) == 1000  # 100 documents of 100,000: as asked
    assert sampling_step(100, 1000) == 2  # one document of 100 would be noise: 50 of them
    assert sampling_step(10, 1000) == 1  # fewer than the minimum: every one
    assert 100 // sampling_step(100, 1000) >= MIN_JIEBA_SAMPLE
