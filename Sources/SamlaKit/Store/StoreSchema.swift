import GRDB

/// The store's schema as numbered migrations: the only place that writes SQL DDL. A migration,
/// once released, is never edited; changes come as new migrations.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 definitions, responses, sources, secret") { db in
            try db.execute(sql: """
                CREATE TABLE definition (
                    hash TEXT PRIMARY KEY NOT NULL,
                    survey_id TEXT NOT NULL,
                    source TEXT NOT NULL,
                    first_seen TEXT NOT NULL
                );
                CREATE TABLE source_file (
                    id INTEGER PRIMARY KEY,
                    survey_id TEXT NOT NULL,
                    path TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    layout TEXT NOT NULL,
                    encoding TEXT NOT NULL,
                    imported_at TEXT NOT NULL,
                    rows_new INTEGER NOT NULL,
                    rows_existing INTEGER NOT NULL
                );
                CREATE TABLE response (
                    seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    survey_id TEXT NOT NULL,
                    definition_hash TEXT NOT NULL REFERENCES definition(hash),
                    session TEXT,
                    source_kind TEXT NOT NULL CHECK (source_kind IN ('collected', 'imported')),
                    source_file TEXT,
                    source_row INTEGER,
                    identity TEXT,
                    language TEXT,
                    status TEXT NOT NULL CHECK (status IN ('complete', 'draft')),
                    started_at TEXT,
                    submitted_at TEXT,
                    stored_at TEXT NOT NULL,
                    metadata TEXT NOT NULL,
                    answers TEXT NOT NULL
                );
                CREATE UNIQUE INDEX response_identity ON response(survey_id, identity) WHERE identity IS NOT NULL;
                CREATE INDEX response_survey_session ON response(survey_id, session);
                CREATE TABLE store_secret (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    secret BLOB NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2 erasure log") { db in
            // Erasure requests honoured: when, which survey, what was asked for (a respondent's
            // e-mail only as a keyed hash, never the address) and how many responses went.
            // The identities of erased imported rows are kept apart so that importing the same
            // export again does not bring them back: the trigger skips such a row, as a row
            // already stored is skipped.
            try db.execute(sql: """
                CREATE TABLE erasure_log (
                    id INTEGER PRIMARY KEY,
                    erased_at TEXT NOT NULL,
                    survey_id TEXT NOT NULL,
                    selector_kind TEXT NOT NULL CHECK (selector_kind IN ('respondent', 'response', 'session')),
                    selector TEXT NOT NULL,
                    responses INTEGER NOT NULL
                );
                CREATE TABLE erased_identity (
                    survey_id TEXT NOT NULL,
                    identity TEXT NOT NULL,
                    erasure INTEGER NOT NULL REFERENCES erasure_log(id),
                    PRIMARY KEY (survey_id, identity)
                ) WITHOUT ROWID;
                CREATE TRIGGER response_not_erased BEFORE INSERT ON response
                WHEN NEW.identity IS NOT NULL
                    AND EXISTS (SELECT 1 FROM erased_identity WHERE survey_id = NEW.survey_id AND identity = NEW.identity)
                BEGIN
                    SELECT RAISE(IGNORE);
                END;
                """)
        }
        migrator.registerMigration("v3 questions an imported file did not ask") { db in
            // One question id a line, NULL for none: they count as not shown to the file's rows.
            try db.execute(sql: "ALTER TABLE source_file ADD COLUMN not_asked TEXT")
        }
        return migrator
    }
}
