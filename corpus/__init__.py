"""The labelled resume corpus: content, third-party renderers, labels and the build (issue 11).

Not part of the installed package: it needs node, chromium, texlive, pandoc and LibreOffice
(`make corpus-deps`), and its output lives outside the repository (`make corpus`).
"""
