"""Vietnamese search for the site: typing without tone marks finds the same pages.

Readers often type Vietnamese without diacritics ("dieu chuan" for "điều chuẩn").
Sphinx's search index keeps one key per *stemmed* word, and the same stemmer runs
in the browser on the query, so folding diacritics inside the stemmer makes both
spellings meet on one key:

* ``fold``: NFD, drop every combining mark, ``đ``/``Đ`` to ``d``/``D``, NFC.
  "điều chuẩn" and "dieu chuan" both become "dieu chuan".
* then the Porter stemmer Sphinx uses for English, so English terms keep
  working ("gradients" finds "gradient"). It runs on the folded word on both
  sides, so a query is matched the same way with or without tone marks.
* no stop words: English ones ("in", "to", "the") are Vietnamese syllables
  once folded (in, tờ, thể).

The class is registered as search language ``vi`` (``html_search_language: vi``
in _config.yml). The query side lives in ``_static/vi_search.js`` (loaded on the
search page only): the same fold for the title match and for the snippet, so the
result list, its order and the quoted sentence do not depend on tone marks.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import re
import unicodedata
from typing import Any

import snowballstemmer
from sphinx.application import Sphinx
from sphinx.search import SearchLanguage, languages
from sphinx.search.en import js_porter_stemmer


def fold(text: str) -> str:
    """Strip Vietnamese (and other) diacritics: "Điều chuẩn" -> "Dieu chuan"."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))
    return unicodedata.normalize("NFC", bare.replace("đ", "d").replace("Đ", "D"))


# The browser side of fold + Porter. PorterStemmer is Sphinx's own English stemmer
# (sphinx.search.en.js_porter_stemmer), renamed so that `Stemmer` is ours.
JS_STEMMER = (
    js_porter_stemmer.replace("var Stemmer = function", "var PorterStemmer = function")
    + """
/** Fold diacritics (NFD, drop marks, đ -> d), then Porter: mirrors vi_search.fold + stem. */
var viFold = function(w) {
  return w.normalize("NFD").replace(/\\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFC");
};
var Stemmer = function() {
  var porter = new PorterStemmer();
  this.stemWord = function(w) {
    return porter.stemWord(viFold(w.toLowerCase()));
  };
};
"""
)

# A query typed with decomposed marks (some Vietnamese keyboards) must not be cut
# at each mark: compose first, and keep marks inside words.
JS_SPLITTER = """
function splitQuery(query) {
  return query
    .normalize("NFC")
    .split(/[^\\p{Letter}\\p{Mark}\\p{Number}_\\p{Emoji_Presentation}]+/gu)
    .filter(term => term);
}
"""


class SearchVietnamese(SearchLanguage):
    lang = "vi"
    language_name = "Vietnamese"
    js_stemmer_code = JS_STEMMER
    js_splitter_code = JS_SPLITTER
    stopwords: set[str] = set()
    _word_re = re.compile(r"\w+")

    def init(self, options: dict[str, str]) -> None:
        self.porter = snowballstemmer.stemmer("porter")

    def split(self, input: str) -> list[str]:
        return self._word_re.findall(unicodedata.normalize("NFC", input))

    def stem(self, word: str) -> str:
        return self.porter.stemWord(fold(word.lower()))

    def word_filter(self, word: str) -> bool:
        return len(word) > 0


def _add_search_script(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if pagename == "search":
        # defer: runs after searchtools.js (a plain script) has defined Search.
        app.add_js_file("vi_search.js", loading_method="defer")


def setup(app: Sphinx) -> dict[str, Any]:
    languages["vi"] = SearchVietnamese
    app.connect("html-page-context", _add_search_script)
    # A change to this file re-reads every page (Sphinx keeps doctrees between builds).
    version = int(hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:8], 16)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": version}
