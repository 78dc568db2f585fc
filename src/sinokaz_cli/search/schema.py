"""The search index's table: one FTS5 document per fact. Kept apart from the
code that makes the documents, so that the index's format can name it
without loading the text machinery on every run."""

# Contentless: only the index is kept (the facts table holds the text), and a
# document's rowid is its fact's row, so a hit is read by its primary key.
DOCS_SCHEMA = (
    "CREATE VIRTUAL TABLE docs USING fts5("
    "statement, names, tags, extra, content = '', "
    "tokenize = 'unicode61 remove_diacritics 2');\n"
    "CREATE VIRTUAL TABLE vocab USING fts5vocab(docs, 'row');\n"
)
INSERT_DOC = "INSERT INTO docs (rowid, statement, names, tags, extra) VALUES (?, ?, ?, ?, ?)"
# A contentless table forgets what it indexed: deleting a document means
# giving its columns again, exactly as they were inserted.
DELETE_DOC = (
    "INSERT INTO docs (docs, rowid, statement, names, tags, extra) VALUES ('delete', ?, ?, ?, ?, ?)"
)
