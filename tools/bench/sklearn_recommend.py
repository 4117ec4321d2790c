"""The recommendation recipe in scikit-learn, on the documents the Rust side wrote.

The folder holds `docs.txt` (one document per line), `stop_words.txt` (one per line) and
`positives.txt` (one set per line, paper positions separated by spaces).

`compare FOLDER` (tests/recommend_sklearn.rs): prints the vocabulary with its idf
(`term <term> <idf>`) and, per set, the 20 best other papers by the decision function of a
linear SVM trained on the set to a tight tolerance (`top <set> <i> ...`).

`bench FOLDER RUNS` (`cargo xtask bench`): the same with the explorer's solver settings
(scikit-learn's defaults for tol and max_iter), timed `RUNS` times after one warm-up, printed
as `key<TAB>value` lines like `recommend_bench`: `features`, `vectorise_ms`, `rank_ms`
(samples) and `top<TAB>set<TAB>...`."""

import sys
import time

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

TOP = 20


def read(folder):
    docs = open(f"{folder}/docs.txt", encoding="utf-8").read().split("\n")
    stop_words = open(f"{folder}/stop_words.txt", encoding="utf-8").read().split()
    sets = [
        [int(i) for i in line.split()]
        for line in open(f"{folder}/positives.txt", encoding="utf-8").read().split("\n")
        if line.strip()
    ]
    return docs, stop_words, sets


def vectoriser(stop_words):
    """arxiv-sanity-lite's compute.py settings."""
    return TfidfVectorizer(
        strip_accents="unicode",
        lowercase=True,
        analyzer="word",
        stop_words=stop_words,
        token_pattern=r"[a-zA-Z_][a-zA-Z0-9_]+",
        ngram_range=(1, 2),
        max_features=20000,
        norm="l2",
        use_idf=True,
        smooth_idf=True,
        sublinear_tf=True,
        max_df=0.1,
        min_df=5,
        dtype=np.float32,
    )


def top_others(x, positives, tol, max_iter):
    """The best papers other than the positives by a linear SVM trained on them."""
    y = np.zeros(x.shape[0], dtype=int)
    y[positives] = 1
    svm = LinearSVC(loss="hinge", C=0.01, class_weight="balanced", tol=tol, max_iter=max_iter)
    svm.fit(x, y)
    scores = svm.decision_function(x)
    chosen = set(positives)
    order = sorted((i for i in range(x.shape[0]) if i not in chosen), key=lambda i: (-scores[i], i))
    return order[:TOP]


def compare(folder):
    docs, stop_words, sets = read(folder)
    vectors = vectoriser(stop_words)
    x = vectors.fit_transform(docs)
    for term, idf in zip(vectors.get_feature_names_out(), vectors.idf_):
        print(f"term {term} {idf:.9f}")
    for number, positives in enumerate(sets):
        top = top_others(x, positives, tol=1e-6, max_iter=100000)
        print("top", number, " ".join(str(i) for i in top))


def bench(folder, runs):
    docs, stop_words, sets = read(folder)
    vectorise_ms, rank_ms = [], []
    for round_number in range(runs + 1):
        started = time.perf_counter()
        x = vectoriser(stop_words).fit_transform(docs)
        built = (time.perf_counter() - started) * 1e3
        tops, ranks = [], []
        for positives in sets:
            started = time.perf_counter()
            tops.append(top_others(x, positives, tol=1e-4, max_iter=1000))
            ranks.append((time.perf_counter() - started) * 1e3)
        # The first round warms up and is not counted.
        if round_number > 0:
            vectorise_ms.append(built)
            rank_ms.extend(ranks)
    print(f"features\t{x.shape[1]}")
    print("vectorise_ms\t" + ",".join(f"{v:.3f}" for v in vectorise_ms))
    print("rank_ms\t" + ",".join(f"{v:.3f}" for v in rank_ms))
    for number, top in enumerate(tops):
        print(f"top\t{number}\t" + " ".join(str(i) for i in top))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "compare":
        compare(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "bench":
        bench(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit("usage: sklearn_recommend.py compare FOLDER | bench FOLDER RUNS")
