/*
 * Query side of the Vietnamese search (see _ext/vi_search.py).
 *
 * The index already stores folded stems, and language_data.js folds the query
 * words the same way. Two parts of Sphinx's searchtools.js still compare raw
 * text, so a query typed without tone marks would rank or quote differently:
 *   1. the title match (Search._performSearch compares the whole query with
 *      every section title): run it on folded titles and a folded query, and
 *      put the real titles back into the results;
 *   2. the snippet (Search.makeSearchSummary looks for the query words in the
 *      page text): look for them in a folded copy of the text, quote the
 *      sentence from the original, and highlight what matched.
 * Loaded with `defer` on search.html only, after searchtools.js.
 */
(() => {
  "use strict";
  if (typeof Search === "undefined") return;

  const fold = (s) =>
    s.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFC");

  // Fold character by character, remembering where each folded character came
  // from, so a match in the folded text maps back to the original text.
  const foldWithMap = (text) => {
    let folded = "";
    const origin = [];
    let i = 0;
    for (const ch of text) {
      const f = fold(ch);
      for (let k = 0; k < f.length; k++) origin.push(i);
      folded += f;
      i += ch.length;
    }
    origin.push(i);
    return [folded, origin];
  };

  // A word (or phrase) that starts at a word boundary; `whole`: ends at one too.
  const wordRegExp = (needle, flags, whole = false) =>
    new RegExp(
      `(?<![\\p{L}\\p{N}])${needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}${whole ? "(?![\\p{L}\\p{N}])" : ""}`,
      flags,
    );

  // The text of a page is parsed from its HTML twice (ranking, snippet): once is enough.
  const htmlToText = Search.htmlToText;
  const parsed = new Map();
  Search.htmlToText = (htmlString, anchor) => {
    const key = `${anchor || ""}\u0000${htmlString}`;
    if (!parsed.has(key)) parsed.set(key, htmlToText(htmlString, anchor));
    return parsed.get(key);
  };

  let foldedIndex = null;
  const foldIndex = (index) => {
    const back = new Map();
    const remember = (title) => {
      const f = fold(title);
      back.set(f, title);
      return f;
    };
    const alltitles = {};
    for (const [title, found] of Object.entries(index.alltitles)) {
      const key = remember(title);
      alltitles[key] = (alltitles[key] || []).concat(found);
    }
    const indexentries = {};
    for (const [entry, found] of Object.entries(index.indexentries)) {
      const key = fold(entry);
      indexentries[key] = (indexentries[key] || []).concat(found);
    }
    return { alltitles, indexentries, titles: index.titles.map(remember), back };
  };

  const originalPerform = Search._performSearch;
  Search._performSearch = (query, searchTerms, excludedTerms, highlightTerms, objectTerms) => {
    const index = Search._index;
    if (!foldedIndex || foldedIndex.source !== index) {
      foldedIndex = foldIndex(index);
      foldedIndex.source = index;
    }
    const saved = [index.alltitles, index.indexentries, index.titles];
    index.alltitles = foldedIndex.alltitles;
    index.indexentries = foldedIndex.indexentries;
    index.titles = foldedIndex.titles;
    let results;
    try {
      results = originalPerform(
        fold(query),
        searchTerms,
        excludedTerms,
        highlightTerms,
        new Set([...objectTerms].map(fold)),
      );
    } finally {
      [index.alltitles, index.indexentries, index.titles] = saved;
    }
    const unfold = (title) =>
      title
        .split(" > ")
        .map((part) => foldedIndex.back.get(part) ?? part)
        .join(" > ");
    for (const result of results) result[1] = unfold(result[1]);
    return results;
  };

  // Order within equal scores. Sphinx scores a page 15 when a query word is in
  // one of its headings and 5 when it is in the text, and breaks ties by title,
  // so "mất mát" would list pages alphabetically. Pages are fetched anyway for
  // their snippets: count how often the folded query (as a phrase, else its
  // words) occurs in each, and put the pages that use it most first.
  const countIn = (text, words) => {
    const folded = fold(text.toLowerCase());
    const count = (needle) => (folded.match(wordRegExp(needle, "gu", true)) || []).length;
    const phrase = count(words.join(" "));
    return phrase * 1000 + words.reduce((sum, w) => sum + Math.min(count(w), 999), 0) / words.length;
  };
  const pageText = new Map();
  const fetchText = (docName) => {
    if (!pageText.has(docName)) {
      const url = document.documentElement.dataset.content_root + docName + DOCUMENTATION_OPTIONS.FILE_SUFFIX;
      pageText.set(
        docName,
        fetch(url)
          .then((r) => r.text())
          .then((html) => Search.htmlToText(html))
          .catch(() => ""),
      );
    }
    return pageText.get(docName);
  };
  Search.query = (query) => {
    const [searchQuery, searchTerms, excludedTerms, highlightTerms, objectTerms] = Search._parseQuery(query);
    const results = Search._performSearch(searchQuery, searchTerms, excludedTerms, highlightTerms, objectTerms);
    const words = lastQueryWords.filter((w) => w.length > 0);
    Promise.all(results.map((r) => fetchText(r[0]).then((text) => countIn(text, words)))).then((counts) => {
      const ranked = results.map((r, i) => [r, counts[i], i]);
      // displayed from the end of the array: best last
      ranked.sort((a, b) => a[0][4] - b[0][4] || a[1] - b[1] || a[2] - b[2]);
      const ordered = ranked.map((x) => x[0]);
      // No highlight terms for Sphinx: it marks raw substrings ("ro" inside
      // "nơ-ron"); makeSearchSummary below marks whole words, tone marks or not.
      _displayNextItem(ordered, ordered.length, searchTerms, new Set());
    });
  };

  let lastQueryWords = [];
  const originalParse = Search._parseQuery;
  Search._parseQuery = (query) => {
    const parsed = originalParse(query);
    lastQueryWords = splitQuery(query.toLowerCase().trim()).map(fold);
    return parsed;
  };

  const SNIPPET = 240;
  Search.makeSearchSummary = (htmlText, keywords, anchor) => {
    const text = Search.htmlToText(htmlText, anchor);
    if (text === "") return null;
    const [folded, origin] = foldWithMap(text.toLowerCase());
    const words = lastQueryWords.filter((w) => w.length > 0);
    // Prefer the whole query as typed (a phrase), then its words, then the stems.
    const phrase = words.join(" ");
    const candidates = [phrase, ...words, ...[...keywords].map((k) => fold(k.toLowerCase()))];
    let at = -1;
    // whole words first, then words that start with the query ("gradient" in "gradients")
    for (const whole of [true, false]) {
      for (const c of candidates) {
        if (!c) continue;
        at = folded.search(wordRegExp(c, "u", whole));
        if (at > -1) break;
      }
      if (at > -1) break;
    }
    const start = at > -1 ? origin[at] : 0;
    // Start at the beginning of the sentence holding the match, if it is close.
    let from = Math.max(start - SNIPPET / 2, 0);
    const sentenceStart = Math.max(text.lastIndexOf(". ", start), text.lastIndexOf("\n", start));
    if (sentenceStart > -1 && start - sentenceStart < SNIPPET / 2) from = sentenceStart + 1;
    const piece = text.substr(from, SNIPPET).trim();

    const summary = document.createElement("p");
    summary.classList.add("context");
    if (from > 0) summary.append("…");
    // Highlight every query word found in the piece, with or without tone marks.
    const [foldedPiece, pieceOrigin] = foldWithMap(piece.toLowerCase());
    const marks = [];
    for (const w of words) {
      for (const m of foldedPiece.matchAll(wordRegExp(w, "gu", true))) {
        marks.push([pieceOrigin[m.index], pieceOrigin[m.index + m[0].length]]);
      }
    }
    marks.sort((a, b) => a[0] - b[0]);
    let pos = 0;
    for (const [s, e] of marks) {
      if (s < pos) continue;
      summary.append(piece.slice(pos, s));
      const span = document.createElement("span");
      span.className = "highlighted";
      span.textContent = piece.slice(s, e);
      summary.append(span);
      pos = e;
    }
    summary.append(piece.slice(pos));
    if (from + SNIPPET < text.length) summary.append("…");
    return summary;
  };
})();
