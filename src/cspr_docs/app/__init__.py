"""``cspr-docs app``: a local web app for officers (issue #17).

A Starlette app with Jinja2 pages, served by uvicorn on the loopback address only. It checks
a report (the same findings page as ``check --format html``), shows the case board and each
case's deadlines, and makes drafts; uploads stay in a temporary folder removed when it stops.
The web stack is imported only here, so ``cspr-docs --help`` stays fast.
"""
