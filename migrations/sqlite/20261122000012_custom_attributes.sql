-- Custom attributes (seed 003's mixins): typed fields administrators define for
-- customers. Definitions in their own table (labels per locale and choices as JSON
-- arrays); each customer's values as one JSON object by attribute code, so a value
-- changes with the customer's version and history like any other field.
CREATE TABLE customer_attributes (
    code         text NOT NULL PRIMARY KEY
        CHECK (length(code) BETWEEN 1 AND 40 AND code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
    label        text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
    other_labels text NOT NULL DEFAULT '[]',
    kind         text NOT NULL CHECK (kind IN ('text', 'number', 'date', 'boolean', 'choice')),
    required     integer NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
    choices      text NOT NULL DEFAULT '[]',
    position     integer NOT NULL,
    created_at   text NOT NULL
) STRICT;

ALTER TABLE customers ADD COLUMN custom_attributes text NOT NULL DEFAULT '{}';
