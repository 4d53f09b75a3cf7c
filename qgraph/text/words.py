"""Words: jieba with qgraph's dictionary of policy terms, one tokenizer per rule set.

Compound policy terms stay whole (首席质量官, 地理标志, 检验检测), and so do the domain lexicon's
terms; each text is tokenised once, for its domains and its keywords alike. The tokenizer is a
``jieba.Tokenizer`` of its own (not jieba's global one), so two rule sets never share words.

>>> words_for().tokens("推动企业设立首席质量官，加强地理标志和检验检测工作")
('推动', '企业', '设立', '首席质量官', '，', '加强', '地理标志', '和', '检验检测', '工作')
"""
from __future__ import annotations

import io
import logging
from functools import lru_cache

from qgraph.rules import RuleSet, default_rules

DICTIONARY = "policy_terms.txt"
STOPWORDS = "stopwords.txt"   # words too general to be a clause's keyword (加强, 建设, 质量 …)


class Words:
    """A rule set's tokenizer, policy terms, stop words and jieba's IDF table."""

    def __init__(self, rule_set: RuleSet) -> None:
        import jieba  # lazy: start-up time
        import jieba.analyse  # lazy: start-up time

        jieba.setLogLevel(logging.WARNING)
        self._tokenizer = jieba.Tokenizer()
        self._tokenizer.load_userdict(io.BytesIO("\n".join(rule_set.word_lines(DICTIONARY)).encode("utf-8")))
        for entry in rule_set.file("domains.yaml").entries("lexicon"):
            for term in entry.get("terms") or ():
                self._tokenizer.add_word(term)
        self.policy_terms = frozenset(rule_set.words(DICTIONARY))
        tfidf = jieba.analyse.default_tfidf   # jieba's IDF table: a library table, read only
        self.idf: dict[str, float] = tfidf.idf_freq
        self.median_idf: float = tfidf.median_idf
        self.stop_words = frozenset(tfidf.STOP_WORDS) | frozenset(rule_set.word_lines(STOPWORDS))
        self.tokens = lru_cache(maxsize=4096)(self._tokens)

    def _tokens(self, text: str) -> tuple[str, ...]:
        return tuple(self._tokenizer.lcut(text))


def words_for(rule_set: RuleSet | None = None) -> Words:
    """The rule set's :class:`Words`, made once per rule set (jieba's dictionary loads in ~0.4 s)."""
    return (rule_set or default_rules()).compiled(Words)
