"""What several formats share, below every format package and knowing none.

``dates`` and ``date_wording`` (partial dates read and written in words), ``pages`` and
``article_numbers`` (page ranges, PubMed's e-numbers), ``names``, ``languages``, ``case``
(case protection), ``field_lists``, ``mojibake``, ``titles`` (NLM's translated-title
brackets), ``letter_suffixes`` and ``work_types`` (the article-like groups, named once).
No module here imports a format package.
"""
