-- Up Migration

-- Which source a repository name's documents come from: the first generation claims the name, and a
-- later one from another source (another URL, another clone) cannot replace what it wrote.
CREATE TABLE document_sources (
  repository  text PRIMARY KEY,
  source      text NOT NULL,
  claimed_at  timestamptz NOT NULL DEFAULT now()
);

-- Down Migration

DROP TABLE document_sources;
