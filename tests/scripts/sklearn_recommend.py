"""The recommendation recipe in scikit-learn, for `tests/recommend_sklearn.rs`.

Reads a folder with `docs.txt` (one document per line), `stop_words.txt` (one per line) and
`positives.txt` (one set per line, paper indices separated by spaces). Prints the vocabulary
with its idf (`term <term> <idf>`) and, per set, the 20 best other papers by the decision
function of a linear SVM trained on the set (`top <set> <i> ...`)."""

import sys

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC


def main(folder):
    docs = open(f"{folder}/docs.txt", encoding="utf-8").read().split("\n")
    stop_words = open(f"{folder}/stop_words.txt", encoding="utf-8").read().split()
    sets = [
        [int(i) for i in line.split()]
        for line in open(f"{folder}/positives.txt", encoding="utf-8").read().split("\n")
        if line.strip()
    ]
    vectoriser = TfidfVectorizer(
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
    )
    x = vectoriser.fit_transform(docs)
    for term, idf in zip(vectoriser.get_feature_names_out(), vectoriser.idf_):
        print(f"term {term} {idf:.9f}")
    for number, positives in enumerate(sets):
        y = [0] * len(docs)
        for i in positives:
            y[i] = 1
        svm = LinearSVC(
            loss="hinge", C=0.01, class_weight="balanced", tol=1e-6, max_iter=100000
        )
        svm.fit(x, y)
        scores = svm.decision_function(x)
        order = sorted(
            (i for i in range(len(docs)) if i not in set(positives)),
            key=lambda i: (-scores[i], i),
        )
        print("top", number, " ".join(str(i) for i in order[:20]))


if __name__ == "__main__":
    main(sys.argv[1])
