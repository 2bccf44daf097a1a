#ifndef SAMLA_CSQLITECONFIG_SHIM_H
#define SAMLA_CSQLITECONFIG_SHIM_H

/* SQLite's per-connection switches are set with sqlite3_db_config(), a variadic C function that
   Swift cannot call; these call it with the arguments its documentation gives. sqlite3.h is not
   included, so that its declarations reach Swift only through GRDB's module: the one function
   used is declared here as sqlite3.h declares it, and the option by its documented number. */
struct sqlite3;
int sqlite3_db_config(struct sqlite3 *db, int op, ...);

/* SQLITE_DBCONFIG_ENABLE_TRIGGER (sqlite3.h; SQLite 3.8.7 and later). */
#define SAMLA_SQLITE_DBCONFIG_ENABLE_TRIGGER 1003

/* Turns the enforcement of the main schema's triggers on (1) or off (0) for this connection;
   returns SQLite's result code. SQLite expires the statements prepared before. */
static inline int samla_sqlite_enable_triggers(struct sqlite3 *db, int on) {
    return sqlite3_db_config(db, SAMLA_SQLITE_DBCONFIG_ENABLE_TRIGGER, on, (int *)0);
}

/* Whether this connection enforces triggers: 1, 0, or -1 when SQLite cannot say. */
static inline int samla_sqlite_triggers_enabled(struct sqlite3 *db) {
    int on = -1;
    if (sqlite3_db_config(db, SAMLA_SQLITE_DBCONFIG_ENABLE_TRIGGER, -1, &on) != 0) return -1;
    return on;
}

#endif
