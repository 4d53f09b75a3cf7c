"""Words: jieba with qgraph's dictionary of policy terms, loaded once per process.

Compound policy terms stay whole (首席质量官, 地理标志, 检验检测); a clause's keywords are the
policy terms it uses and its TF-IDF key words.

>>> tokens("推动企业设立首席质量官，加强地理标志和检验检测工作")
['推动', '企业', '设立', '首席质量官', '，', '加强', '地理标志', '和', '检验检测', '工作']
"""
from __future__ import annotations

import logging
from functools import lru_cache

from qgraph.resources import resource_path

DICTIONARY = "policy_terms.txt"
STOPWORDS = "stopwords.txt"   # words too general to be a clause's keyword (加强, 建设, 质量 …)


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    import jieba.analyse

    jieba.setLogLevel(logging.WARNING)
    jieba.load_userdict(str(resource_path("rules", DICTIONARY)))
    jieba.analyse.set_stop_words(str(resource_path("rules", STOPWORDS)))
    from qgraph.extract.domains import domain_rules

    for term in domain_rules().lexicon:  # the domain lexicon's terms stay whole too
        jieba.add_word(term)
    return jieba


@lru_cache(maxsize=1)
def policy_terms() -> frozenset[str]:
    lines = resource_path("rules", DICTIONARY).read_text(encoding="utf-8").splitlines()
    return frozenset(line.split()[0] for line in lines if line.strip() and not line.startswith("#"))


def tokens(text: str) -> list[str]:
    return list(_cached_tokens(text))


@lru_cache(maxsize=4096)
def _cached_tokens(text: str) -> tuple[str, ...]:
    """Each clause is tokenised once, for its domains and its keywords alike."""
    return tuple(_jieba().lcut(text))


@lru_cache(maxsize=1)
def _idf() -> tuple[dict[str, float], float, frozenset[str]]:
    """jieba's IDF table, its median (for unseen words) and qgraph's stop words."""
    import jieba.analyse

    _jieba()
    tfidf = jieba.analyse.default_tfidf
    return tfidf.idf_freq, tfidf.median_idf, frozenset(tfidf.stop_words)


def keywords(text: str, limit: int = 6) -> tuple[str, ...]:
    """Every policy term a text uses, in order of first use, then up to ``limit`` TF-IDF key words.

    TF-IDF is jieba's (its IDF table and stop words) over the clause's cached tokens, so the text
    is tokenised once.
    """
    terms = policy_terms()
    words = tokens(text)
    found: list[str] = []
    for token in words:
        if token in terms and token not in found:
            found.append(token)
    idf, median, stop = _idf()
    counts: dict[str, int] = {}
    for token in words:
        if len(token) > 1 and token not in stop and all("\u3400" <= ch <= "\u9fff" for ch in token):
            counts[token] = counts.get(token, 0) + 1
    ranked = sorted(counts, key=lambda w: (-counts[w] * idf.get(w, median), w))
    return tuple(found + [w for w in ranked if w not in found][:limit])
