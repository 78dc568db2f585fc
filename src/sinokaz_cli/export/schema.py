"""The export's tables, indexes and views: the documented, stable layout.

docs/export.md describes every table and view; tests hold the two to each other.
Changing a column's meaning or removing one bumps SCHEMA_VERSION; adding a
table, a column at the end of a table or a view does not.

Conventions, chosen so that datasette browses it with no configuration:
- every record table has a text `id` primary key, and a column that names
  another table's row ends in `_id` and is a foreign key (the category of a
  fact is `category`, a short vocabulary, and still a foreign key);
- the row people read as a label is in a column called `name` (entities) or
  `title` (sources, categories), which datasette shows beside a foreign key;
- vocabularies (category, kind, unit, qualifier, how, precision) are plain
  text, so that datasette offers them as facets;
- `position` keeps the knowledge files' order, 1 first (and is each fact's rowid,
  which the full-text table uses);
- true/false is 1/0; a list kept in one column (`paragraphs`) is a JSON array.
"""

from __future__ import annotations

SCHEMA_VERSION = 1

TABLES_SQL = """
CREATE TABLE export_info (
    key TEXT PRIMARY KEY,  -- schema_version, sinokaz_version, files
    value TEXT NOT NULL
);
CREATE TABLE categories (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    position INTEGER NOT NULL,  -- where lists show it
    builtin INTEGER NOT NULL  -- 1 for trade, tourism, dialogue and policy
);
CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    subtitle TEXT,
    publisher TEXT NOT NULL,
    published TEXT NOT NULL,  -- ISO year and month: 2025-11
    paragraphs INTEGER NOT NULL,  -- how many the text has; the headline is 1
    contact TEXT,
    url TEXT,
    file TEXT,
    cited_as TEXT NOT NULL  -- China Daily, Nov 2025
);
CREATE TABLE units (
    id TEXT PRIMARY KEY,  -- a counted noun; currencies, percent and ordinal are built in
    singular TEXT NOT NULL,
    plural TEXT NOT NULL
);
CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,  -- person, org, place, event, programme, product
    name TEXT NOT NULL,
    description TEXT,
    description_basis TEXT,  -- source or general; null without a description
    part_of_id TEXT REFERENCES entities(id),
    place_id TEXT REFERENCES entities(id),  -- events: where
    theme TEXT  -- events
);
CREATE TABLE aliases (
    entity_id TEXT NOT NULL REFERENCES entities(id),
    position INTEGER NOT NULL,
    alias TEXT NOT NULL,
    PRIMARY KEY (entity_id, position)
);
CREATE TABLE roles (
    entity_id TEXT NOT NULL REFERENCES entities(id),
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    of_id TEXT REFERENCES entities(id),
    PRIMARY KEY (entity_id, position)
);
CREATE TABLE event_hosts (
    entity_id TEXT NOT NULL REFERENCES entities(id),
    position INTEGER NOT NULL,
    host_id TEXT NOT NULL REFERENCES entities(id),
    PRIMARY KEY (entity_id, position)
);
CREATE TABLE entity_citations (
    entity_id TEXT NOT NULL REFERENCES entities(id),
    position INTEGER NOT NULL,  -- one for each file that declares the entity
    source_id TEXT NOT NULL REFERENCES sources(id),
    paragraphs TEXT NOT NULL,  -- JSON array: [4]
    citation TEXT NOT NULL,  -- China Daily, Nov 2025, ¶4
    PRIMARY KEY (entity_id, position)
);
CREATE TABLE facts (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,  -- the fact's rowid too
    category TEXT NOT NULL REFERENCES categories(id),
    statement TEXT NOT NULL,
    quote TEXT,  -- the speaker's own words, where they are the fact
    note TEXT,
    source_id TEXT NOT NULL REFERENCES sources(id),
    paragraphs TEXT NOT NULL,  -- JSON array: [1, 2]
    citation TEXT NOT NULL  -- China Daily, Nov 2025, ¶1–2
);
CREATE TABLE attributions (
    fact_id TEXT PRIMARY KEY REFERENCES facts(id),
    how TEXT NOT NULL,  -- said, data or publication
    speaker_id TEXT REFERENCES entities(id),
    attribution TEXT,  -- who, in words, where no entity is named
    to_id TEXT REFERENCES entities(id),  -- whom it was said to
    name TEXT NOT NULL,  -- the speaker's name, the attribution, or the publisher
    to_name TEXT,
    text TEXT NOT NULL  -- Madina Nurgaliyeva, to China Daily
);
CREATE TABLE figures (
    id INTEGER PRIMARY KEY,
    fact_id TEXT NOT NULL REFERENCES facts(id),
    position INTEGER NOT NULL,
    value NUMERIC NOT NULL,  -- 307000000, not 307 million
    unit TEXT NOT NULL,  -- USD, percent, ordinal, or a counted noun (units.id)
    qualifier TEXT NOT NULL,  -- exact, more_than, over, around, ...
    about TEXT,
    per TEXT,  -- a rate: day, week, month, quarter, year
    change INTEGER NOT NULL,  -- 1: the value is a change (up or down by its sign)
    text TEXT NOT NULL,  -- more than 100 companies
    UNIQUE (fact_id, position)
);
CREATE TABLE dates (
    id INTEGER PRIMARY KEY,
    fact_id TEXT UNIQUE REFERENCES facts(id),  -- a fact's date, or
    entity_id TEXT UNIQUE REFERENCES entities(id),  -- an event's
    text TEXT NOT NULL,  -- the article's words: Nov 3, 10 years ago
    start TEXT,  -- ISO date of day, month or year precision; null if unplaceable
    end TEXT,
    precision TEXT,  -- day, month, year, half, quarter, season
    qualifier TEXT,  -- about, before, after, by, since
    inferred INTEGER NOT NULL,  -- 1: start was worked out, not stated
    basis TEXT,  -- how an inferred date was worked out
    period TEXT,  -- half, quarter or season
    display TEXT NOT NULL,  -- 3 Nov 2025, inferred
    CHECK ((fact_id IS NULL) <> (entity_id IS NULL))
);
CREATE TABLE fact_entities (
    fact_id TEXT NOT NULL REFERENCES facts(id),
    position INTEGER NOT NULL,
    entity_id TEXT NOT NULL REFERENCES entities(id),
    PRIMARY KEY (fact_id, position)
);
CREATE TABLE fact_tags (
    fact_id TEXT NOT NULL REFERENCES facts(id),
    position INTEGER NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (fact_id, position)
);
CREATE TABLE alignments (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    china_id TEXT NOT NULL REFERENCES entities(id),
    kazakhstan_id TEXT NOT NULL REFERENCES entities(id),
    theme TEXT NOT NULL
);
CREATE TABLE alignment_facts (
    alignment_id TEXT NOT NULL REFERENCES alignments(id),
    position INTEGER NOT NULL,
    fact_id TEXT NOT NULL REFERENCES facts(id),
    PRIMARY KEY (alignment_id, position)
);
"""

# The full-text table: external content, so it holds only the index and reads
# the words from `facts` by rowid. The `content="facts"` spelling is the one
# datasette looks for to put a search box on the facts table.
FTS_SQL = """
CREATE VIRTUAL TABLE facts_fts USING fts5(
    statement, quote, content="facts", tokenize="porter unicode61 remove_diacritics 2"
);
"""
FTS_FILL = "INSERT INTO facts_fts(facts_fts) VALUES ('rebuild')"

# The columns that join, each indexed (primary keys and UNIQUE columns are already).
INDEXES_SQL = """
CREATE INDEX entities_part_of_id ON entities(part_of_id);
CREATE INDEX entities_place_id ON entities(place_id);
CREATE INDEX roles_of_id ON roles(of_id);
CREATE INDEX event_hosts_host_id ON event_hosts(host_id);
CREATE INDEX entity_citations_source_id ON entity_citations(source_id);
CREATE INDEX facts_category ON facts(category);
CREATE INDEX facts_source_id ON facts(source_id);
CREATE INDEX attributions_speaker_id ON attributions(speaker_id);
CREATE INDEX attributions_to_id ON attributions(to_id);
CREATE INDEX fact_entities_entity_id ON fact_entities(entity_id);
CREATE INDEX fact_tags_tag ON fact_tags(tag);
CREATE INDEX alignments_china_id ON alignments(china_id);
CREATE INDEX alignments_kazakhstan_id ON alignments(kazakhstan_id);
CREATE INDEX alignment_facts_fact_id ON alignment_facts(fact_id);
"""

# What a person opens first. Figures join in one column as the CLI's CSV shows them.
VIEWS_SQL = """
CREATE VIEW facts_cited AS
SELECT
    f.id, f.category, c.title AS category_title, f.statement,
    (SELECT group_concat(text, '; ') FROM
        (SELECT text FROM figures WHERE fact_id = f.id ORDER BY position)) AS figures,
    d.display AS date, a.text AS said_by, a.how, a.speaker_id, f.quote, f.note,
    f.citation, f.source_id, f.paragraphs, f.position
FROM facts f
JOIN categories c ON c.id = f.category
JOIN attributions a ON a.fact_id = f.id
LEFT JOIN dates d ON d.fact_id = f.id
ORDER BY f.position;

CREATE VIEW figures_cited AS
SELECT
    g.fact_id, g.position, g.text, g.value, g.unit, g.qualifier, g.per, g.change, g.about,
    f.category, f.statement, a.text AS said_by, f.citation, f.source_id
FROM figures g
JOIN facts f ON f.id = g.fact_id
JOIN attributions a ON a.fact_id = f.id
ORDER BY f.position, g.position;

CREATE VIEW timeline AS
SELECT
    d.display AS date, d.start, d.end, d.precision, d.inferred,
    f.id AS fact_id, f.category, f.statement, f.citation
FROM dates d
JOIN facts f ON f.id = d.fact_id
WHERE d.start IS NOT NULL
ORDER BY d.start, f.position;

CREATE VIEW entity_facts AS
SELECT
    e.id AS entity_id, e.name, e.kind, m.role, f.id AS fact_id, f.category, f.statement,
    f.citation
FROM (
    SELECT entity_id, fact_id, 'mentioned' AS role FROM fact_entities
    UNION
    SELECT speaker_id, fact_id, 'speaker' FROM attributions WHERE speaker_id IS NOT NULL
) m
JOIN entities e ON e.id = m.entity_id
JOIN facts f ON f.id = m.fact_id
ORDER BY e.position, f.position, m.role;
"""

# Every table and view, in the order they are written and documented. The
# full-text table and its shadow tables are left out: they hold an index, not data.
TABLES = (
    "export_info",
    "categories",
    "sources",
    "units",
    "entities",
    "aliases",
    "roles",
    "event_hosts",
    "entity_citations",
    "facts",
    "attributions",
    "figures",
    "dates",
    "fact_entities",
    "fact_tags",
    "alignments",
    "alignment_facts",
)
VIEWS = ("facts_cited", "figures_cited", "timeline", "entity_facts")
