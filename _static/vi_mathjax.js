/*
 * MathJax 3 served with the site (_static/mathjax, from the npm package
 * mathjax 3.2.2, Apache-2.0: startup, core, TeX input with its extensions,
 * CHTML output and its fonts, assistive MathML; no context menu).
 * Sphinx puts `window.MathJax = {...}` (the myst configuration) before this
 * script; we add where the components are, and load MathJax only when a
 * formula comes within 200 px of the screen, so a page whose first screen
 * has no math does not download it.
 */
(() => {
  "use strict";
  const here = document.currentScript && document.currentScript.src;
  const base = new URL("mathjax/", here || document.baseURI).href.replace(/\/$/, "");
  const config = (window.MathJax = window.MathJax || {});
  config.loader = Object.assign(
    { load: ["input/tex", "output/chtml", "a11y/assistive-mml"], paths: { mathjax: base } },
    config.loader || {},
  );
  config.tex = Object.assign({ packages: { "[+]": ["ams", "newcommand", "noundefined", "autoload"] } }, config.tex || {});
  config.chtml = Object.assign({ fontURL: base + "/output/chtml/fonts/woff-v2" }, config.chtml || {});

  let requested = false;
  const load = () => {
    if (requested) return;
    requested = true;
    const script = document.createElement("script");
    script.src = base + "/startup.js";
    script.async = true;
    document.head.appendChild(script);
  };
  const start = () => {
    const formulas = document.querySelectorAll("span.math, div.math, .math.notranslate");
    if (!formulas.length) return;
    if (!("IntersectionObserver" in window)) return load();
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          load();
        }
      },
      { rootMargin: "200px 0px" },
    );
    formulas.forEach((f) => observer.observe(f));
    // Printing or jumping to a search match should show typeset math too.
    window.addEventListener("beforeprint", load);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
