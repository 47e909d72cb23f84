"""Full-text search: one query language and one ranking on PostgreSQL and SQLite.

``query.parse`` reads what a person types (web search syntax); ``text``
turns posts into plain words and stems them in their language
(``language.detect``); ``engine`` matches, ranks and cuts passages with
PostgreSQL's text search or SQLite's FTS5. The forum's posts are indexed by
``community.services.search_index``; other apps index their own documents
with the same engine.
"""
