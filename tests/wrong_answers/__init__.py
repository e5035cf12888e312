"""Plausible wrong answers that each lab's checks must reject.

One module per lab, named like the lab (``lab01_truu_tuong_ro_ri.py``), defining::

    WRONG_ANSWERS: dict[str, list[tuple[str, str | list[str | None]]]] = {
        "1": [
            ("forgets the bias term", "return x @ w"),
            # several regions in the question's last solution cell: one entry each,
            # None keeps the solution's region
            ("transposed weights", [None, "return x @ w.T + b"]),
        ],
    }

The key is the question id (metadata ``lab.question`` of the check cell). Each wrong
answer replaces the solution region(s) of the last cell with solution markers before
that check cell (indentation is added to match the markers). The test then runs every
cell from that solution cell through the check cell and expects the check to fail;
afterwards it re-runs the solution to restore the kernel's state.
"""
