/* Large writes for SQLite's bulk writes: a VFS shim over the default VFS.

   SQLite writes a WAL frame as two writes, its 24-byte header and the page after it, so with
   16 KiB pages a frame is 16,408 bytes at an offset that is never page-aligned. The kernel then
   makes, fills and later frees the page cache a small piece at a time: on this machine 100 MB
   written that way took twice the time of the same bytes in aligned megabytes, and removing the
   file three times as long. A checkpoint writes the database file one page at a time too.

   While a bulk write runs (samla_coalescing_begin .. samla_coalescing_end) this shim gathers the
   WAL's writes into a buffer and hands them on in aligned pieces of 64 KiB, and does the same for the
   database file's writes between a checkpoint's start and end (SQLITE_FCNTL_CKPT_START/DONE,
   which SQLite sends the database file around a checkpoint's copying). Nothing SQLite relies on
   changes, because what is gathered is written before anything could depend on it:
   - before xSync, xTruncate, xFileSize and xClose of the file, and before an xRead or xFetch of
     bytes still gathered;
   - in the WAL, right after a commit frame (a frame header whose "database size" field is not
     zero): SQLite makes a commit visible to other connections (the wal-index header) only after
     its frames are written, and with synchronous=NORMAL there is no xSync between;
   - before the connection releases the WAL's write lock (xShmLock on the database file), so that
     frames of a transaction rolled back are never written after another writer took the lock;
   - in the database file at the checkpoint's end, before SQLite records what it copied.
   A write that fails drops what was gathered and returns the error to SQLite, which fails the
   transaction as for any write error. No sync is left out or moved: durability is SQLite's. */

#include <sqlite3.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>

#include "CSQLiteWriteCoalescing.h"

/* Gathered writes go out in aligned pieces of this size (the unix VFS writes less than 128 KiB
   at a time). */
#define CHUNK ((sqlite3_int64)64 << 10)
/* Room for a chunk and the largest page (64 KiB) with its frame header. */
#define CAPACITY ((int)(CHUNK + (128 << 10)))
/* WAL_WRITE_LOCK in SQLite's wal.c: the first of the wal-index locks. */
#define WAL_WRITE_LOCK 0
#define WAL_FRAME_HEADER 24

typedef struct Shim Shim;
struct Shim {
    sqlite3_file base;
    /* The default VFS's file, in the memory after this struct. */
    sqlite3_file *real;
    int isWal;
    /* Writes are gathered (a WAL during a bulk write; a database file inside such a write's checkpoint). */
    int gathering;
    /* A database file whose connection runs a bulk write: its checkpoints are gathered. */
    int bulk;
    /* A WAL whose last write was a commit frame's header: its page comes next, then all is written. */
    int flushAfterNextWrite;
    /* A database file in a bulk write: its connection's WAL. */
    Shim *wal;
    unsigned char *buffer;
    int length;
    sqlite3_int64 start;
    /* A database file's gathered checkpoint writes that failed when written at the checkpoint's
       end: SQLite ignores what SQLITE_FCNTL_CKPT_DONE returns, so the error is given again by the
       xTruncate and xSync that follow, and the checkpoint fails instead of being recorded as done
       with pages missing from the file. Cleared when the next checkpoint starts. */
    int failed;
};

static sqlite3_vfs *realVfs;
static sqlite3_vfs shimVfs;
static sqlite3_io_methods shimMethods;
static atomic_llong writesOut;
static atomic_int failNextCheckpointEnd;
static pthread_once_t installOnce = PTHREAD_ONCE_INIT;
static int installResult = SQLITE_ERROR;

static int writeOut(Shim *p, int count) {
    /* In aligned pieces of at most CHUNK: the unix VFS writes less than 128 KiB at a time. */
    int written = 0;
    while (written < count) {
        sqlite3_int64 at = p->start + written;
        sqlite3_int64 pieceEnd = (at & ~(CHUNK - 1)) + CHUNK;
        int piece = (int)(pieceEnd - at);
        if (piece > count - written) piece = count - written;
        int rc = p->real->pMethods->xWrite(p->real, p->buffer + written, piece, at);
        atomic_fetch_add(&writesOut, 1);
        if (rc != SQLITE_OK) {
            p->length = 0;
            return rc;
        }
        written += piece;
    }
    if (count < p->length) memmove(p->buffer, p->buffer + count, (size_t)(p->length - count));
    p->length -= count;
    p->start += count;
    return SQLITE_OK;
}

static int flush(Shim *p) {
    return p->length > 0 ? writeOut(p, p->length) : SQLITE_OK;
}

static int overlapsGathered(Shim *p, sqlite3_int64 offset, sqlite3_int64 amount) {
    return p->length > 0 && offset < p->start + p->length && offset + amount > p->start;
}

/* MARK: File methods */

static int shimClose(sqlite3_file *file) {
    Shim *p = (Shim *)file;
    int rc = flush(p);
    free(p->buffer);
    p->buffer = 0;
    int closed = p->real->pMethods->xClose(p->real);
    return rc != SQLITE_OK ? rc : closed;
}

static int shimRead(sqlite3_file *file, void *out, int amount, sqlite3_int64 offset) {
    Shim *p = (Shim *)file;
    if (overlapsGathered(p, offset, amount)) {
        int rc = flush(p);
        if (rc != SQLITE_OK) return rc;
    }
    return p->real->pMethods->xRead(p->real, out, amount, offset);
}

static int shimWrite(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset) {
    Shim *p = (Shim *)file;
    if (!p->gathering || !p->buffer) {
        int rc = flush(p);
        if (rc != SQLITE_OK) return rc;
        return p->real->pMethods->xWrite(p->real, data, amount, offset);
    }
    const unsigned char *bytes = data;
    int commitHeader = p->isWal && amount == WAL_FRAME_HEADER && (bytes[4] | bytes[5] | bytes[6] | bytes[7]) != 0;
    if (p->length > 0 && offset >= p->start && offset + amount <= p->start + p->length) {
        /* A frame written again in the same transaction: changed where it is gathered. */
        memcpy(p->buffer + (offset - p->start), data, (size_t)amount);
    } else if (p->length > 0 && offset == p->start + p->length && p->length + amount <= CAPACITY) {
        memcpy(p->buffer + p->length, data, (size_t)amount);
        p->length += amount;
    } else {
        /* Elsewhere: what is gathered goes first, so that a later write still wins. */
        int rc = flush(p);
        if (rc != SQLITE_OK) return rc;
        if (amount >= CHUNK) return p->real->pMethods->xWrite(p->real, data, amount, offset);
        memcpy(p->buffer, data, (size_t)amount);
        p->start = offset;
        p->length = amount;
    }
    if (commitHeader) {
        p->flushAfterNextWrite = 1;
        return SQLITE_OK;
    }
    if (p->flushAfterNextWrite) {
        p->flushAfterNextWrite = 0;
        return flush(p);
    }
    sqlite3_int64 boundary = (p->start + p->length) & ~(CHUNK - 1);
    return boundary > p->start ? writeOut(p, (int)(boundary - p->start)) : SQLITE_OK;
}

static int shimTruncate(sqlite3_file *file, sqlite3_int64 size) {
    Shim *p = (Shim *)file;
    if (p->failed != SQLITE_OK) return p->failed;
    int rc = flush(p);
    if (rc != SQLITE_OK) return rc;
    return p->real->pMethods->xTruncate(p->real, size);
}

static int shimSync(sqlite3_file *file, int flags) {
    Shim *p = (Shim *)file;
    if (p->failed != SQLITE_OK) return p->failed;
    int rc = flush(p);
    if (rc != SQLITE_OK) return rc;
    return p->real->pMethods->xSync(p->real, flags);
}

static int shimFileSize(sqlite3_file *file, sqlite3_int64 *size) {
    Shim *p = (Shim *)file;
    int rc = flush(p);
    if (rc != SQLITE_OK) return rc;
    return p->real->pMethods->xFileSize(p->real, size);
}

static int shimLock(sqlite3_file *file, int level) {
    Shim *p = (Shim *)file;
    return p->real->pMethods->xLock(p->real, level);
}

static int shimUnlock(sqlite3_file *file, int level) {
    Shim *p = (Shim *)file;
    return p->real->pMethods->xUnlock(p->real, level);
}

static int shimCheckReservedLock(sqlite3_file *file, int *out) {
    Shim *p = (Shim *)file;
    return p->real->pMethods->xCheckReservedLock(p->real, out);
}

static int shimFileControl(sqlite3_file *file, int op, void *arg) {
    Shim *p = (Shim *)file;
    if (op == SQLITE_FCNTL_CKPT_START && p->bulk && p->buffer) {
        p->gathering = 1;
        p->failed = SQLITE_OK;
    } else if (op == SQLITE_FCNTL_CKPT_DONE && !p->isWal && p->gathering) {
        int rc;
        if (atomic_exchange(&failNextCheckpointEnd, 0)) {
            /* A test's stand-in for a write the file system refuses (a full disk). */
            p->length = 0;
            rc = SQLITE_IOERR_WRITE;
        } else {
            rc = flush(p);
        }
        p->gathering = 0;
        if (rc != SQLITE_OK) {
            p->failed = rc;
            return rc;
        }
    }
    return p->real->pMethods->xFileControl(p->real, op, arg);
}

static int shimSectorSize(sqlite3_file *file) {
    Shim *p = (Shim *)file;
    return p->real->pMethods->xSectorSize(p->real);
}

static int shimDeviceCharacteristics(sqlite3_file *file) {
    Shim *p = (Shim *)file;
    return p->real->pMethods->xDeviceCharacteristics(p->real);
}

static int shimShmMap(sqlite3_file *file, int region, int size, int extend, void volatile **out) {
    Shim *p = (Shim *)file;
    if (p->real->pMethods->iVersion < 2) return SQLITE_IOERR;
    return p->real->pMethods->xShmMap(p->real, region, size, extend, out);
}

static int shimShmLock(sqlite3_file *file, int offset, int n, int flags) {
    Shim *p = (Shim *)file;
    if (p->real->pMethods->iVersion < 2) return SQLITE_IOERR;
    if (p->wal && (flags & SQLITE_SHM_UNLOCK) && offset <= WAL_WRITE_LOCK && offset + n > WAL_WRITE_LOCK) {
        /* Whatever is still gathered belongs to this writer's transaction: written while it holds
           the lock, or (on failure) dropped, never written after another writer took it. */
        (void)flush(p->wal);
    }
    return p->real->pMethods->xShmLock(p->real, offset, n, flags);
}

static void shimShmBarrier(sqlite3_file *file) {
    Shim *p = (Shim *)file;
    if (p->real->pMethods->iVersion >= 2) p->real->pMethods->xShmBarrier(p->real);
}

static int shimShmUnmap(sqlite3_file *file, int deleteFlag) {
    Shim *p = (Shim *)file;
    if (p->real->pMethods->iVersion < 2) return SQLITE_OK;
    return p->real->pMethods->xShmUnmap(p->real, deleteFlag);
}

static int shimFetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **out) {
    Shim *p = (Shim *)file;
    if (overlapsGathered(p, offset, amount)) {
        int rc = flush(p);
        if (rc != SQLITE_OK) return rc;
    }
    if (p->real->pMethods->iVersion < 3) {
        *out = 0;
        return SQLITE_OK;
    }
    return p->real->pMethods->xFetch(p->real, offset, amount, out);
}

static int shimUnfetch(sqlite3_file *file, sqlite3_int64 offset, void *page) {
    Shim *p = (Shim *)file;
    if (p->real->pMethods->iVersion < 3) return SQLITE_OK;
    return p->real->pMethods->xUnfetch(p->real, offset, page);
}

/* MARK: The VFS */

static int shimOpen(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags) {
    (void)vfs;
    Shim *p = (Shim *)file;
    memset(p, 0, sizeof(Shim));
    p->real = (sqlite3_file *)&p[1];
    int rc = realVfs->xOpen(realVfs, name, p->real, flags, outFlags);
    /* SQLite closes a file whose methods are set even when opening failed; the real one's say. */
    p->base.pMethods = p->real->pMethods ? &shimMethods : 0;
    p->isWal = (flags & SQLITE_OPEN_WAL) != 0;
    return rc;
}

static void install(void) {
    realVfs = sqlite3_vfs_find(0);
    if (!realVfs) return;
    shimVfs = *realVfs;
    shimVfs.pNext = 0;
    shimVfs.zName = "samla-coalescing";
    shimVfs.szOsFile = (int)sizeof(Shim) + realVfs->szOsFile;
    shimVfs.xOpen = shimOpen;
    shimMethods = (sqlite3_io_methods){
        .iVersion = 3,
        .xClose = shimClose, .xRead = shimRead, .xWrite = shimWrite, .xTruncate = shimTruncate,
        .xSync = shimSync, .xFileSize = shimFileSize, .xLock = shimLock, .xUnlock = shimUnlock,
        .xCheckReservedLock = shimCheckReservedLock, .xFileControl = shimFileControl,
        .xSectorSize = shimSectorSize, .xDeviceCharacteristics = shimDeviceCharacteristics,
        .xShmMap = shimShmMap, .xShmLock = shimShmLock, .xShmBarrier = shimShmBarrier,
        .xShmUnmap = shimShmUnmap, .xFetch = shimFetch, .xUnfetch = shimUnfetch,
    };
    installResult = sqlite3_vfs_register(&shimVfs, 1);
}

int samla_coalescing_install(void) {
    pthread_once(&installOnce, install);
    return installResult;
}

/* The connection's main database file and its WAL, when both are the shim's. */
static int shimFiles(sqlite3 *db, Shim **database, Shim **wal) {
    sqlite3_file *main = 0, *journal = 0;
    if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &main) != SQLITE_OK || !main) return 0;
    if (sqlite3_file_control(db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &journal) != SQLITE_OK || !journal) return 0;
    if (main->pMethods != &shimMethods || journal->pMethods != &shimMethods) return 0;
    *database = (Shim *)main;
    *wal = (Shim *)journal;
    return (*wal)->isWal;
}

int samla_coalescing_begin(sqlite3 *db) {
    Shim *database, *wal;
    if (!shimFiles(db, &database, &wal)) return 0;
    if (!wal->buffer) wal->buffer = malloc((size_t)CAPACITY);
    if (!database->buffer) database->buffer = malloc((size_t)CAPACITY);
    if (!wal->buffer || !database->buffer) return 0;
    wal->gathering = 1;
    database->bulk = 1;
    database->wal = wal;
    return 1;
}

int samla_coalescing_end(sqlite3 *db) {
    Shim *database, *wal;
    if (!shimFiles(db, &database, &wal)) return SQLITE_OK;
    int rc = flush(wal);
    int rcDatabase = flush(database);
    wal->gathering = 0;
    wal->flushAfterNextWrite = 0;
    database->gathering = 0;
    database->failed = SQLITE_OK;
    database->bulk = 0;
    database->wal = 0;
    free(wal->buffer);
    wal->buffer = 0;
    free(database->buffer);
    database->buffer = 0;
    return rc != SQLITE_OK ? rc : rcDatabase;
}

long long samla_coalescing_writes(void) {
    return atomic_load(&writesOut);
}

void samla_coalescing_fail_next_checkpoint_end(void) {
    atomic_store(&failNextCheckpointEnd, 1);
}
