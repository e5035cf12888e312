"""coursekit: the tooling of the course *Học sâu thực chiến*.

Maintainers' tools only; notebooks never import it.

Commands (``python -m coursekit --help``):
  generate   build exercises/ from solutions/ (one-source labs)
  badges     re-stamp every notebook's Colab badge from _config.yml
  run        execute notebooks in place, top to bottom
  benchmark  execute every notebook and print a timing table
  grade      grade a folder of submitted lab notebooks into a CSV
  lint       terminology and tone-mark lint of learner-facing text
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
