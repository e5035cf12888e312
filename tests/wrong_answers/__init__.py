"""Plausible wrong answers that each lab's checks must reject, and correct alternatives they must accept.

One module per lab, named like the lab (``lab01_truu_tuong_ro_ri.py``), defining::

    WRONG_ANSWERS: dict[str, list[tuple[str, str | list[str | None], str]]] = {
        "1": [
            # (what the learner did, the code, a piece of the message the learner must see)
            ("forgets the bias term", "return x @ w", "thiếu độ chệch"),
            # several regions in the question's last solution cell: one entry each,
            # None keeps the solution's region
            ("transposed weights", [None, "return x @ w.T + b"], "chuyển vị"),
        ],
    }
    CORRECT_ANSWERS: dict[str, list[tuple[str, str | list[str | None]]]] = {
        "1": [("a loop instead of a matrix product", "return sum(...)")],
    }

The key is the question id (metadata ``lab.question`` of the check cell); every question
has wrong answers. Each answer replaces the solution region(s) of the last cell with
solution markers before that check cell (indentation is added to match the markers). The
test then runs every cell from that solution cell through the check cell: a wrong answer
must make the check fail with the expected hint in its error text (so the message names
the right cause), a correct alternative must pass. Afterwards the test re-runs the
solution to restore the kernel's state.

To write a wrong answer as a small edit of a correct template, use ``swap`` below
(``from tests.wrong_answers import swap``): it fails if the template lacks the text to replace.
"""


def swap(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced by ``new``; fails loudly if ``old`` is absent (keeps the lists honest)."""
    if old not in text:
        raise ValueError(f"answer template does not contain {old!r}")
    return text.replace(old, new)
