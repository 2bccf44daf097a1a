#ifndef SAMLA_CSQLITEWRITECOALESCING_H
#define SAMLA_CSQLITEWRITECOALESCING_H

/* Large writes for SQLite's bulk writes, through a VFS shim over the default VFS (SQLite's public
   VFS interface; see WriteCoalescing.c for the rules). sqlite3.h is not included here, so that its
   declarations reach Swift only through GRDB's module. */
struct sqlite3;

/* Registers the shim as the default VFS, once per process (later calls do nothing). Connections
   opened after it go through the shim; it changes nothing until `samla_coalescing_begin`.
   Returns SQLite's result code. */
int samla_coalescing_install(void);

/* For `db`'s main database, from now until `samla_coalescing_end`: the WAL's writes gathered into
   aligned pieces of 64 KiB, and a checkpoint's writes into the database file too. Call it on the
   connection's thread while it holds the write transaction. Returns 1 when on, 0 when the
   connection's files are not the shim's (it was opened before the install) or not in WAL mode. */
int samla_coalescing_begin(struct sqlite3 *db);

/* Writes what is gathered and turns the gathering off; returns SQLite's result code of the write. */
int samla_coalescing_end(struct sqlite3 *db);

/* Writes that reached the file system through the shim since the install, for tests. */
long long samla_coalescing_writes(void);
/* For tests: the next checkpoint in a bulk write fails to write what it gathered last, as a write
   the file system refuses would. */
void samla_coalescing_fail_next_checkpoint_end(void);

#endif
