"""The pieces of ``python -m coursekit grade`` (see coursekit/grade.py for how they fit together).

notebook: read a submission leniently and plan its run; worker: run the plan in an isolated kernel;
guard: the kernel-side snapshot put back before each check; files: find submissions and name students;
report: CSV, feedback files and the class summary.
"""
