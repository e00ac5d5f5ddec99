-- Email templates written by administrators, one per kind of message and locale. A
-- kind without one for a locale falls back to the language, then the store's default
-- locale, then the app's built-in English text.
CREATE TABLE email_templates (
    kind      text NOT NULL,
    locale    text NOT NULL,
    subject   text NOT NULL,
    body_text text NOT NULL,
    body_html text NOT NULL,
    PRIMARY KEY (kind, locale)
);
