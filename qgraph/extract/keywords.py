"""Keywords: the policy terms a clause uses, then its TF-IDF key words.

TF-IDF is jieba's (its IDF table, with qgraph's stop words) over the clause's cached tokens, so the
text is tokenised once.

>>> keywords("推动企业设立首席质量官，加强地理标志和检验检测工作")[:3]
('首席质量官', '地理标志', '检验检测')
"""
from __future__ import annotations

from qgraph.rules import RuleSet
from qgraph.text.words import words_for


def keywords(text: str, limit: int = 6, rule_set: RuleSet | None = None) -> tuple[str, ...]:
    """Every policy term a text uses, in order of first use, then up to ``limit`` TF-IDF key words."""
    words = words_for(rule_set)
    tokens = words.tokens(text)
    found: list[str] = []
    for token in tokens:
        if token in words.policy_terms and token not in found:
            found.append(token)
    counts: dict[str, int] = {}
    for token in tokens:
        if len(token) > 1 and token not in words.stop_words and all("\u3400" <= ch <= "\u9fff" for ch in token):
            counts[token] = counts.get(token, 0) + 1
    idf, median = words.idf, words.median_idf
    ranked = sorted(counts, key=lambda w: (-counts[w] * idf.get(w, median), w))
    return tuple(found + [w for w in ranked if w not in found][:limit])
