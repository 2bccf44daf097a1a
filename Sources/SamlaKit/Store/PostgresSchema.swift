/// The PostgreSQL store's schema as numbered migrations, the same tables as `StoreSchema`'s SQLite
/// ones (timestamps as the same ISO 8601 text, which sorts as time). The version reached is kept
/// in `samla_schema`; a migration, once released, is never edited, and a database at a later
/// version than this binary knows is refused (`StoreError.newerSchema`).
enum PostgresSchema {
    static let migrations: [(name: String, sql: String)] = [
        ("v1 definitions, responses, sources, secret", """
            CREATE TABLE definition (
                hash TEXT PRIMARY KEY,
                survey_id TEXT NOT NULL,
                source TEXT NOT NULL,
                first_seen TEXT NOT NULL
            );
            CREATE TABLE source_file (
                id BIGSERIAL PRIMARY KEY,
                survey_id TEXT NOT NULL,
                path TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                layout TEXT NOT NULL,
                encoding TEXT NOT NULL,
                imported_at TEXT NOT NULL,
                rows_new BIGINT NOT NULL,
                rows_existing BIGINT NOT NULL
            );
            CREATE TABLE response (
                seq BIGSERIAL PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                survey_id TEXT NOT NULL,
                definition_hash TEXT NOT NULL REFERENCES definition(hash),
                session TEXT,
                source_kind TEXT NOT NULL CHECK (source_kind IN ('collected', 'imported')),
                source_file TEXT,
                source_row BIGINT,
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
            -- Reading a survey's responses in stored order walks this index instead of sorting them.
            CREATE INDEX response_survey_seq ON response(survey_id, seq);
            CREATE TABLE store_secret (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                secret BYTEA NOT NULL
            );
            """),
        ("v2 erasure log", """
            CREATE TABLE erasure_log (
                id BIGSERIAL PRIMARY KEY,
                erased_at TEXT NOT NULL,
                survey_id TEXT NOT NULL,
                selector_kind TEXT NOT NULL CHECK (selector_kind IN ('respondent', 'response', 'session')),
                selector TEXT NOT NULL,
                responses BIGINT NOT NULL
            );
            CREATE TABLE erased_identity (
                survey_id TEXT NOT NULL,
                identity TEXT NOT NULL,
                erasure BIGINT NOT NULL REFERENCES erasure_log(id),
                PRIMARY KEY (survey_id, identity)
            );
            -- An erased imported row is skipped on re-import, as a row already stored is.
            CREATE FUNCTION response_not_erased() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.identity IS NOT NULL AND EXISTS (
                    SELECT 1 FROM erased_identity WHERE survey_id = NEW.survey_id AND identity = NEW.identity) THEN
                    RETURN NULL;
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER response_not_erased BEFORE INSERT ON response
                FOR EACH ROW EXECUTE FUNCTION response_not_erased();
            """),
        ("v3 questions an imported file did not ask", """
            ALTER TABLE source_file ADD COLUMN not_asked TEXT;
            """),
        ("v4 answers kept as jsonb beside their text, for counting on the server", """
            -- The answers as jsonb, parsed once when written, so a summary counts them on the server
            -- without parsing a million texts (PostgresAnswerCounts). NULL where jsonb does not take
            -- the text (a \\u0000 in an answer): such a row is counted from its text, and a write
            -- never fails for it.
            CREATE FUNCTION samla_answers_jsonb(answers TEXT) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
            BEGIN
                RETURN answers::jsonb;
            EXCEPTION WHEN others THEN
                RETURN NULL;
            END $$;
            ALTER TABLE response ADD COLUMN answers_jsonb jsonb GENERATED ALWAYS AS (samla_answers_jsonb(answers)) STORED;
            -- The few rows counted from their text are found without reading the table.
            CREATE INDEX response_unparsed ON response(survey_id, seq) WHERE answers_jsonb IS NULL;
            """),
        ("v5 answers as items, for counting on the server by grouping short texts", """
            -- One item per answer, `"question":value` in JSON, a text answer only as written or empty
            -- ({"t":"*"}, {"t":""}): Samla writes them with each row (`AnswerItems`, in the same
            -- statement as the row), and a summary counts answers by grouping these short texts, one
            -- hash lookup each, instead of taking jsonb apart per row (PostgresAnswerCounts). NULL
            -- where Samla could not read the answers: such a row is counted from its text.
            ALTER TABLE response ADD COLUMN answer_items TEXT[];
            -- The same items made by the server from the jsonb, for the rows stored before this version
            -- and for an UPDATE of the answers that does not write their items (one made by hand): a
            -- row is never counted by items that are not its answers'.
            CREATE FUNCTION samla_answer_items(answers jsonb) RETURNS TEXT[] LANGUAGE sql IMMUTABLE AS $$
                SELECT CASE WHEN jsonb_typeof(answers) = 'object' THEN (
                    SELECT coalesce(array_agg(to_jsonb(key)::text || ':' || CASE
                        WHEN jsonb_typeof(value) = 'object' AND jsonb_typeof(value -> 't') = 'string' AND value - 't' = '{}'::jsonb
                            THEN CASE WHEN value ->> 't' = '' THEN '{"t":""}' ELSE '{"t":"*"}' END
                        ELSE value::text END), '{}') FROM jsonb_each(answers)) END
            $$;
            UPDATE response SET answer_items = samla_answer_items(answers_jsonb);
            CREATE FUNCTION response_answer_items() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.answers IS DISTINCT FROM OLD.answers AND NEW.answer_items IS NOT DISTINCT FROM OLD.answer_items THEN
                    NEW.answer_items := samla_answer_items(samla_answers_jsonb(NEW.answers));
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER response_answer_items BEFORE UPDATE OF answers ON response
                FOR EACH ROW EXECUTE FUNCTION response_answer_items();
            -- The rows counted from their text: without items, or without the jsonb the texts are read from.
            DROP INDEX response_unparsed;
            CREATE INDEX response_uncounted ON response(survey_id, seq) WHERE answer_items IS NULL OR answers_jsonb IS NULL;
            """),
        ("v6 answer counts kept as they are written", """
            -- Every change to the responses adds what it changes to the counts of answer items (one
            -- row per survey, version, file, session and item; the item NULL counts the responses
            -- themselves), so a summary sums a few thousand rows instead of grouping every answer
            -- (PostgresAnswerTally). Writers only ever insert here, so two of them never wait for or
            -- conflict with each other; the rows of one group add up. `n` is how many complete
            -- responses a row adds (negative where they were deleted or changed), `first_seq` the
            -- first of those it adds, and `subtracted` how many it took away: where a group lost any,
            -- its first response may be gone and `first_seq` is only a bound.
            CREATE TABLE answer_tally (
                survey_id TEXT NOT NULL,
                definition_hash TEXT NOT NULL,
                source_file TEXT,
                session TEXT,
                item TEXT,
                n BIGINT NOT NULL,
                first_seq BIGINT,
                subtracted BIGINT NOT NULL
            );
            CREATE INDEX answer_tally_survey ON answer_tally(survey_id);
            -- The rows counted: complete, with items and the jsonb their texts are read from (the rest
            -- are read whole by a summary, as before).
            CREATE FUNCTION response_tally() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    INSERT INTO answer_tally
                    SELECT survey_id, definition_hash, source_file, session, item, count(*), min(seq), 0
                    FROM samla_new, unnest(array_append(answer_items, NULL::text)) AS item
                    WHERE status = 'complete' AND answer_items IS NOT NULL AND answers_jsonb IS NOT NULL
                    GROUP BY survey_id, definition_hash, source_file, session, item;
                ELSIF TG_OP = 'DELETE' THEN
                    INSERT INTO answer_tally
                    SELECT survey_id, definition_hash, source_file, session, item, -count(*), NULL, count(*)
                    FROM samla_old, unnest(array_append(answer_items, NULL::text)) AS item
                    WHERE status = 'complete' AND answer_items IS NOT NULL AND answers_jsonb IS NOT NULL
                    GROUP BY survey_id, definition_hash, source_file, session, item;
                ELSE
                    -- Per row and item the old one taken away and the new one added: what an UPDATE
                    -- left as it was cancels out and touches no group.
                    INSERT INTO answer_tally
                    SELECT survey_id, definition_hash, source_file, session, item, sum(d),
                           min(seq) FILTER (WHERE d > 0), coalesce(-sum(d) FILTER (WHERE d < 0), 0)
                    FROM (SELECT survey_id, definition_hash, source_file, session, item, seq, sum(d) AS d
                          FROM (SELECT survey_id, definition_hash, source_file, session, item, seq, -1 AS d
                                FROM samla_old, unnest(array_append(answer_items, NULL::text)) AS item
                                WHERE status = 'complete' AND answer_items IS NOT NULL AND answers_jsonb IS NOT NULL
                                UNION ALL
                                SELECT survey_id, definition_hash, source_file, session, item, seq, 1
                                FROM samla_new, unnest(array_append(answer_items, NULL::text)) AS item
                                WHERE status = 'complete' AND answer_items IS NOT NULL AND answers_jsonb IS NOT NULL) changes
                          GROUP BY survey_id, definition_hash, source_file, session, item, seq
                          HAVING sum(d) <> 0) changed
                    GROUP BY survey_id, definition_hash, source_file, session, item;
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER response_tally_insert AFTER INSERT ON response REFERENCING NEW TABLE AS samla_new
                FOR EACH STATEMENT EXECUTE FUNCTION response_tally();
            CREATE TRIGGER response_tally_update AFTER UPDATE ON response REFERENCING OLD TABLE AS samla_old NEW TABLE AS samla_new
                FOR EACH STATEMENT EXECUTE FUNCTION response_tally();
            CREATE TRIGGER response_tally_delete AFTER DELETE ON response REFERENCING OLD TABLE AS samla_old
                FOR EACH STATEMENT EXECUTE FUNCTION response_tally();
            -- The responses stored before this version.
            INSERT INTO answer_tally
            SELECT survey_id, definition_hash, source_file, session, item, count(*), min(seq), 0
            FROM response, unnest(array_append(answer_items, NULL::text)) AS item
            WHERE status = 'complete' AND answer_items IS NOT NULL AND answers_jsonb IS NOT NULL
            GROUP BY survey_id, definition_hash, source_file, session, item;
            """),
        ("v7 written texts kept narrow, for reading them without the wide rows", """
            -- The written text answers of the rows the kept counts count (complete, with items and
            -- jsonb), as {"question":"text",…}, in a narrow table of their own beside each row's
            -- version, file and session, so a summary reads a million texts without scanning the
            -- wide response rows (PostgresAnswerTally). The texts are those of the row's text items
            -- ({"t":"*"}: an object of one non-empty string `t`), so a question's texts are as many
            -- as its text items; finding them by the items (a short text each) costs the server a
            -- third of taking every answer's jsonb apart. Statement triggers keep it as answer_tally
            -- is kept: every INSERT, UPDATE and DELETE of responses, whoever makes it.
            CREATE TABLE answer_text (
                seq BIGINT PRIMARY KEY,
                survey_id TEXT NOT NULL,
                definition_hash TEXT NOT NULL,
                source_file TEXT,
                session TEXT,
                texts jsonb NOT NULL
            );
            CREATE FUNCTION response_texts() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP <> 'INSERT' THEN
                    DELETE FROM answer_text t USING samla_old o WHERE t.seq = o.seq;
                END IF;
                IF TG_OP <> 'DELETE' THEN
                    INSERT INTO answer_text
                    SELECT seq, survey_id, definition_hash, source_file, session,
                           jsonb_object_agg(left(item, -10)::jsonb #>> '{}', answers_jsonb -> (left(item, -10)::jsonb #>> '{}') -> 't')
                    FROM samla_new, unnest(answer_items) AS item
                    WHERE status = 'complete' AND answers_jsonb IS NOT NULL AND item LIKE '%:{"t":"*"}'
                    GROUP BY seq, survey_id, definition_hash, source_file, session;
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER response_texts_insert AFTER INSERT ON response REFERENCING NEW TABLE AS samla_new
                FOR EACH STATEMENT EXECUTE FUNCTION response_texts();
            CREATE TRIGGER response_texts_update AFTER UPDATE ON response REFERENCING OLD TABLE AS samla_old NEW TABLE AS samla_new
                FOR EACH STATEMENT EXECUTE FUNCTION response_texts();
            CREATE TRIGGER response_texts_delete AFTER DELETE ON response REFERENCING OLD TABLE AS samla_old
                FOR EACH STATEMENT EXECUTE FUNCTION response_texts();
            -- The responses stored before this version.
            INSERT INTO answer_text
            SELECT seq, survey_id, definition_hash, source_file, session,
                   jsonb_object_agg(left(item, -10)::jsonb #>> '{}', answers_jsonb -> (left(item, -10)::jsonb #>> '{}') -> 't')
            FROM response, unnest(answer_items) AS item
            WHERE status = 'complete' AND answers_jsonb IS NOT NULL AND item LIKE '%:{"t":"*"}'
            GROUP BY seq, survey_id, definition_hash, source_file, session;
            """),
    ]

    /// Brings the database to the latest version in one transaction, under a lock that makes two
    /// processes opening a new database at once take turns.
    static func migrate(_ session: PostgresSession, location: String) throws {
        try session.transaction {
            try session.query("SELECT pg_advisory_xact_lock(\(PostgresStoreDatabase.schemaLock))")
            try session.script("""
                CREATE TABLE IF NOT EXISTS samla_schema (
                    version INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                )
                """)
            let current = try session.query("SELECT coalesce(max(version), 0)::bigint FROM samla_schema").rows.first?
                .makeRandomAccess().integer(0) ?? 0
            guard current <= migrations.count else {
                throw StoreError.newerSchema(path: location, found: "version \(current)", known: "version \(migrations.count)")
            }
            for (index, migration) in migrations.enumerated().dropFirst(current) {
                try session.script(migration.sql)
                try session.query("INSERT INTO samla_schema (version, name) VALUES ($1, $2)",
                                  [.integer(index + 1), .text(migration.name)])
            }
            return ((), current < migrations.count)
        }
    }
}
