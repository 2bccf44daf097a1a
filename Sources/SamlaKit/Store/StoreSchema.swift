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
        return migrator
    }
}
