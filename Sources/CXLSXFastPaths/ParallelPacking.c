#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include "CXLSXFastPaths.h"
#include "Interposition.h"
#include "ParallelPacking.h"
#include "Splicing.h"

/* Deflating a part of the zip file on every core, as pigz does a gzip stream.
 *
 * minizip deflates an entry on the thread that writes it. An entry opened raw (Packing.c) is
 * written by minizip as it is given, so the entry's stream is deflated here instead: cut into
 * blocks of `block_size` bytes, each deflated on its own by a pool of threads, one a core, as raw
 * deflate primed with the 32 KiB of the stream before it (deflateSetDictionary), so matches reach
 * back across the cut as in one stream. Each block but the last ends with a sync flush, which ends
 * it on a byte boundary without ending the stream, and the last with Z_FINISH: written one after
 * the other they are one deflate stream, which any inflater reads. Each block's CRC-32 is joined
 * to the others' with crc32_combine, and the blocks are written in order through minizip's own
 * zipWriteInFileInZip; zipCloseFileInZipRaw64 closes the entry with the stream's CRC and size.
 *
 * Only public functions are used: minizip's zip.h (the signatures below, the same since minizip
 * 1.1) and zlib's zlib.h. The zip file's structures stay minizip's. At most `slots` blocks of an
 * entry are in memory at a time, so memory stays flat whatever the part's size. */

enum { zip_ok = 0, zip_internal_error = -104 };
enum { block_size = 512 * 1024, window_size = 32 * 1024, most_workers = 8 };

typedef int write_entry_signature(void *file, const void *buffer, unsigned int length);
typedef int close_entry_signature(void *file);
typedef int close_raw_entry_signature(void *file, unsigned long long uncompressed_size, unsigned long crc);
typedef int close_archive_signature(void *file, const char *global_comment);

write_entry_signature zipWriteInFileInZip;
close_entry_signature zipCloseFileInZip;
close_archive_signature zipClose;

CXLSX_HIDDEN_DEFINITION(write_entry_signature *, minizip_write_entry, "zipWriteInFileInZip")
CXLSX_HIDDEN_DEFINITION(close_entry_signature *, minizip_close_entry, "zipCloseFileInZip")
CXLSX_HIDDEN_DEFINITION(close_raw_entry_signature *, minizip_close_raw_entry, "zipCloseFileInZipRaw64")
CXLSX_HIDDEN_DEFINITION(close_archive_signature *, minizip_close_archive, "zipClose")

typedef enum { block_free, block_filling, block_queued, block_deflating, block_deflated, block_failed } block_state;

typedef struct block {
    cxlsx_packed_entry *entry;
    struct block *next_queued;
    unsigned char *input;   /* window_size + block_size bytes: the stream's bytes before the block, then its own */
    size_t dictionary;      /* how many of the stream's bytes before it the block starts with */
    size_t length;          /* the block's own bytes after them */
    unsigned char *output;
    size_t output_capacity;
    size_t output_length;
    unsigned long crc;      /* of the block's own bytes */
    int last;
    block_state state;      /* read and changed under `lock` once the block is queued */
} block;

struct cxlsx_packed_entry {
    void *file;                      /* the zip file; NULL for a stream that goes to a sink of its own */
    cxlsx_packed_entry *next;
    cxlsx_deflated_sink *sink;       /* where the deflated blocks go, in order */
    void *sink_context;
    int ends_stream;                 /* whether the last block ends the deflate stream (Z_FINISH) */
    int fresh_dictionary;            /* the next block has no dictionary: what came before was not deflated here */
    int level, memory_level, strategy;
    int error;                       /* the first failure; then the entry takes no more data */
    unsigned slots;
    block *blocks;                   /* block n of the stream is in blocks[n % slots] */
    block *filling;                  /* the block being filled, not yet handed over */
    unsigned long long started;      /* blocks begun */
    unsigned long long written;      /* blocks written to the zip file */
    unsigned long crc;               /* of the bytes written so far */
    unsigned long long uncompressed; /* their count */
    cxlsx_splice_scan *scan;         /* when spooled rows are to be spliced into what is written */
};

/* The pool's queue, the entries open, and every block's state. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work_queued = PTHREAD_COND_INITIALIZER;
static pthread_cond_t block_done = PTHREAD_COND_INITIALIZER;
static block *queue_head, *queue_tail;
static cxlsx_packed_entry *entries;
static int workers;
static pthread_once_t pool_started = PTHREAD_ONCE_INIT;
static unsigned long long blocks_deflated_in_parallel;

/* MARK: Deflating a block */

/* A z_stream kept for the next block, made again only when the settings change. */
typedef struct {
    z_stream stream;
    int ready;
    int level, memory_level, strategy;
} block_deflater;

static int deflater_prepare(block_deflater *deflater, const cxlsx_packed_entry *entry) {
    if (deflater->ready && deflater->level == entry->level && deflater->memory_level == entry->memory_level
        && deflater->strategy == entry->strategy)
        return deflateReset(&deflater->stream) == Z_OK;
    if (deflater->ready) deflateEnd(&deflater->stream);
    memset(&deflater->stream, 0, sizeof deflater->stream);
    deflater->ready = deflateInit2(&deflater->stream, entry->level, Z_DEFLATED, -MAX_WBITS, entry->memory_level,
                                   entry->strategy) == Z_OK;
    deflater->level = entry->level;
    deflater->memory_level = entry->memory_level;
    deflater->strategy = entry->strategy;
    return deflater->ready;
}

static void deflater_end(block_deflater *deflater) {
    if (deflater->ready) deflateEnd(&deflater->stream);
    deflater->ready = 0;
}

/* Deflates `b` into its output: primed with the bytes before it, ended by a sync flush, or by
 * Z_FINISH when it is the stream's last. 1 when done. */
static int deflate_block(block_deflater *deflater, block *b) {
    if (!deflater_prepare(deflater, b->entry)) return 0;
    z_stream *stream = &deflater->stream;
    if (b->dictionary > 0 && deflateSetDictionary(stream, b->input, (uInt)b->dictionary) != Z_OK) return 0;
    if (b->output_capacity == 0) {
        /* Room for a block of sheet XML, which deflates to a sixth or less; grown below when not. */
        size_t bound = deflateBound(stream, (uLong)b->length) + 64;
        size_t capacity = bound < block_size / 4 ? bound : block_size / 4;
        b->output = malloc(capacity);
        if (b->output == NULL) return 0;
        b->output_capacity = capacity;
    }
    stream->next_in = b->input + b->dictionary;
    stream->avail_in = (uInt)b->length;
    b->output_length = 0;
    int flush = b->last && b->entry->ends_stream ? Z_FINISH : Z_SYNC_FLUSH;
    for (;;) {
        if (b->output_length == b->output_capacity) {
            unsigned char *grown = realloc(b->output, b->output_capacity * 2);
            if (grown == NULL) return 0;
            b->output = grown;
            b->output_capacity *= 2;
        }
        stream->next_out = b->output + b->output_length;
        stream->avail_out = (uInt)(b->output_capacity - b->output_length);
        int status = deflate(stream, flush);
        b->output_length = (size_t)(stream->next_out - b->output);
        if (status == Z_STREAM_END) break;
        if (status != Z_OK && !(status == Z_BUF_ERROR && stream->avail_out == 0)) return 0;
        /* A sync flush is complete when deflate leaves room in the output. */
        if (flush == Z_SYNC_FLUSH && stream->avail_in == 0 && stream->avail_out != 0) break;
    }
    b->crc = crc32(0L, b->input + b->dictionary, (uInt)b->length);
    return 1;
}

/* MARK: The pool */

static void *deflate_queued_blocks(void *unused) {
    (void)unused;
    block_deflater deflater = {0};
    for (;;) {
        pthread_mutex_lock(&lock);
        while (queue_head == NULL) pthread_cond_wait(&work_queued, &lock);
        block *b = queue_head;
        queue_head = b->next_queued;
        if (queue_head == NULL) queue_tail = NULL;
        b->state = block_deflating;
        pthread_mutex_unlock(&lock);

        int done = deflate_block(&deflater, b);

        pthread_mutex_lock(&lock);
        b->state = done ? block_deflated : block_failed;
        if (done) blocks_deflated_in_parallel++;
        pthread_cond_broadcast(&block_done);
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

/* One thread a core this process may run on, started the first time a part needs them, and kept:
 * they wait on a condition variable between workbooks. Signals stay with the program's own threads. */
static void start_pool(void) {
    cpu_set_t cpus;
    long count = sched_getaffinity(0, sizeof cpus, &cpus) == 0 ? CPU_COUNT(&cpus) : sysconf(_SC_NPROCESSORS_ONLN);
    if (count < 1) count = 1;
    if (count > most_workers) count = most_workers;
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    int started = 0;
    for (long i = 0; i < count; i++) {
        pthread_t thread;
        if (pthread_create(&thread, &attributes, deflate_queued_blocks, NULL) == 0) started++;
    }
    pthread_attr_destroy(&attributes);
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    workers = started;
}

static int pool_size(void) {
    pthread_once(&pool_started, start_pool);
    return workers;
}

unsigned long long cxlsx_blocks_deflated_in_parallel(void) {
    pthread_mutex_lock(&lock);
    unsigned long long count = blocks_deflated_in_parallel;
    pthread_mutex_unlock(&lock);
    return count;
}

/* MARK: Entries */

static int available = -1;

int cxlsx_parallel_packing_available(void) {
    int known = __atomic_load_n(&available, __ATOMIC_ACQUIRE);
    if (known < 0) {
        known = cxlsx_binds_here("zipWriteInFileInZip", (void *)&zipWriteInFileInZip)
                && cxlsx_binds_here("zipCloseFileInZip", (void *)&zipCloseFileInZip)
                && cxlsx_binds_here("zipClose", (void *)&zipClose)
                && minizip_write_entry() != NULL && minizip_close_entry() != NULL
                && minizip_close_raw_entry() != NULL && minizip_close_archive() != NULL;
        __atomic_store_n(&available, known, __ATOMIC_RELEASE);
    }
    return known;
}

int cxlsx_parallel_packing_takes_effect(void) {
    return cxlsx_deflate_level_takes_effect() && cxlsx_parallel_packing_available();
}

static cxlsx_packed_entry *entry_new(int level, int memory_level, int strategy, unsigned slots) {
    cxlsx_packed_entry *entry = calloc(1, sizeof *entry);
    if (entry == NULL) return NULL;
    entry->slots = slots;
    entry->blocks = calloc(entry->slots, sizeof *entry->blocks);
    if (entry->blocks == NULL) {
        free(entry);
        return NULL;
    }
    for (unsigned i = 0; i < entry->slots; i++) entry->blocks[i].entry = entry;
    entry->level = level;
    entry->memory_level = memory_level;
    entry->strategy = strategy;
    entry->crc = crc32(0L, Z_NULL, 0);
    entry->ends_stream = 1;
    return entry;
}

cxlsx_packed_entry *cxlsx_packed_entry_new(int level, int memory_level, int strategy) {
    /* Every worker busy, one block deflated waiting to be written and one being filled. */
    return entry_new(level, memory_level, strategy, (unsigned)pool_size() + 2);
}

cxlsx_packed_entry *cxlsx_deflated_stream_new(int level, cxlsx_deflated_sink *sink, void *context) {
    /* Streams are fed side by side (a workbook's big sheets are written at once): a block fewer
     * than a part's each (but two, so a block always has the one before it), so their blocks
     * together stay a few megabytes. zlib's default memory level (8), as minizip asks for. */
    unsigned slots = (unsigned)pool_size() + 1;
    cxlsx_packed_entry *entry = entry_new(level, 8, Z_DEFAULT_STRATEGY, slots < 2 ? 2 : slots);
    if (entry == NULL) return NULL;
    entry->sink = sink;
    entry->sink_context = context;
    entry->ends_stream = 0;
    return entry;
}

void cxlsx_packed_entry_discard(cxlsx_packed_entry *entry) {
    if (entry == NULL) return;
    cxlsx_splice_scan_free(entry->scan);
    for (unsigned i = 0; i < entry->slots; i++) {
        free(entry->blocks[i].input);
        free(entry->blocks[i].output);
    }
    free(entry->blocks);
    free(entry);
}

static int write_to_zip(void *file, const void *bytes, unsigned int length) {
    return minizip_write_entry()(file, bytes, length);
}

void cxlsx_packed_entry_attach(cxlsx_packed_entry *entry, void *file) {
    entry->file = file;
    entry->sink = write_to_zip;
    entry->sink_context = file;
    entry->scan = cxlsx_splice_scan_new(file);
    pthread_mutex_lock(&lock);
    entry->next = entries;
    entries = entry;
    pthread_mutex_unlock(&lock);
}

/* The entry held open in `file`, if any. With `take`, it is no longer found afterwards. */
static cxlsx_packed_entry *entry_of(void *file, int take) {
    pthread_mutex_lock(&lock);
    cxlsx_packed_entry **link = &entries;
    while (*link != NULL && (*link)->file != file) link = &(*link)->next;
    cxlsx_packed_entry *found = *link;
    if (found != NULL && take) *link = found->next;
    pthread_mutex_unlock(&lock);
    return found;
}

/* Writes the entry's deflated blocks to the zip file in order, as far as they are ready; waits for
 * them up to block `until` (exclusive). 0, with the entry's error set, on a failure. */
static int write_deflated_blocks(cxlsx_packed_entry *entry, unsigned long long until) {
    unsigned long long handed_over = entry->started - (entry->filling != NULL ? 1 : 0);
    while (entry->written < handed_over) {
        block *b = &entry->blocks[entry->written % entry->slots];
        pthread_mutex_lock(&lock);
        while (b->state == block_queued || b->state == block_deflating) {
            if (entry->written >= until) {
                pthread_mutex_unlock(&lock);
                return 1;
            }
            pthread_cond_wait(&block_done, &lock);
        }
        block_state state = b->state;
        pthread_mutex_unlock(&lock);
        if (state != block_deflated) {
            entry->error = zip_internal_error;
            return 0;
        }
        int status = entry->sink(entry->sink_context, b->output, (unsigned int)b->output_length);
        if (status != zip_ok) {
            entry->error = status;
            return 0;
        }
        entry->crc = crc32_combine(entry->crc, b->crc, (z_off_t)b->length);
        entry->uncompressed += b->length;
        b->state = block_free;
        entry->written++;
    }
    return 1;
}

/* Hands the filling block to the pool, or deflates it here when there is no pool or it is the
 * entry's only block (a small part: a round trip to the pool would only cost). */
static int hand_over(cxlsx_packed_entry *entry, int last) {
    block *b = entry->filling;
    b->last = last;
    entry->filling = NULL;
    if (workers == 0 || (last && entry->started == 1)) {
        block_deflater deflater = {0};
        int done = deflate_block(&deflater, b);
        deflater_end(&deflater);
        pthread_mutex_lock(&lock);
        b->state = done ? block_deflated : block_failed;
        pthread_mutex_unlock(&lock);
    } else {
        pthread_mutex_lock(&lock);
        b->state = block_queued;
        b->next_queued = NULL;
        if (queue_tail != NULL) queue_tail->next_queued = b;
        else queue_head = b;
        queue_tail = b;
        pthread_cond_signal(&work_queued);
        pthread_mutex_unlock(&lock);
    }
    return write_deflated_blocks(entry, last ? entry->started : 0);
}

/* Begins the stream's next block in a free slot, with the 32 KiB of the stream before it. */
static int begin_block(cxlsx_packed_entry *entry) {
    unsigned long long n = entry->started;
    if (n >= entry->slots && !write_deflated_blocks(entry, n - entry->slots + 1)) return 0;
    block *b = &entry->blocks[n % entry->slots];
    if (b->input == NULL) {
        b->input = malloc(window_size + block_size);
        if (b->input == NULL) {
            entry->error = zip_internal_error;
            return 0;
        }
    }
    b->dictionary = 0;
    b->length = 0;
    b->last = 0;
    if (n > 0 && !entry->fresh_dictionary) {
        const block *previous = &entry->blocks[(n - 1) % entry->slots];
        size_t before = previous->dictionary + previous->length;
        b->dictionary = before < window_size ? before : window_size;
        memcpy(b->input, previous->input + before - b->dictionary, b->dictionary);
    }
    entry->fresh_dictionary = 0;
    pthread_mutex_lock(&lock);
    b->state = block_filling;
    pthread_mutex_unlock(&lock);
    entry->filling = b;
    entry->started++;
    return 1;
}

/* Waits until none of the entry's blocks is with the pool. */
static void wait_for_pool(cxlsx_packed_entry *entry) {
    pthread_mutex_lock(&lock);
    for (unsigned i = 0; i < entry->slots; i++) {
        while (entry->blocks[i].state == block_queued || entry->blocks[i].state == block_deflating)
            pthread_cond_wait(&block_done, &lock);
    }
    pthread_mutex_unlock(&lock);
}

/* After a failure: the entry's buffers go at once, since a caller that fails may never close it. */
static void release_blocks(cxlsx_packed_entry *entry) {
    wait_for_pool(entry);
    entry->filling = NULL;
    for (unsigned i = 0; i < entry->slots; i++) {
        free(entry->blocks[i].input);
        free(entry->blocks[i].output);
        entry->blocks[i] = (block){.entry = entry};
    }
}

/* Deflates what is left of the entry, closes it in minizip with the stream's CRC and size, and
 * frees it. After a failure minizip still closes the entry, and the first error is returned. */
static int finish(cxlsx_packed_entry *entry) {
    if (entry->scan != NULL) {
        /* The bytes held back by the scan go on first; a marker row left open fails the entry. */
        cxlsx_splice_scan *scan = entry->scan;
        entry->scan = NULL;
        if (entry->error == zip_ok) {
            int status = cxlsx_splice_scan_end(scan, entry);
            if (entry->error == zip_ok) entry->error = status;
        } else {
            cxlsx_splice_scan_free(scan);
        }
    }
    if (entry->error == zip_ok) {
        if (entry->filling != NULL || begin_block(entry)) hand_over(entry, 1);
    }
    wait_for_pool(entry);
    int status = minizip_close_raw_entry()(entry->file, entry->uncompressed, entry->crc);
    int error = entry->error != zip_ok ? entry->error : status;
    cxlsx_packed_entry_discard(entry);
    return error;
}

int cxlsx_deflated_stream_end(cxlsx_packed_entry *entry, unsigned long *crc) {
    if (entry->error == zip_ok && (entry->filling != NULL || begin_block(entry))) hand_over(entry, 1);
    if (entry->error != zip_ok) release_blocks(entry);
    *crc = entry->crc;
    return entry->error;
}

void cxlsx_deflated_stream_free(cxlsx_packed_entry *entry) {
    if (entry == NULL) return;
    wait_for_pool(entry);
    cxlsx_packed_entry_discard(entry);
}

int cxlsx_close_packed_entry_of(void *file) {
    cxlsx_packed_entry *entry = entry_of(file, 1);
    return entry != NULL ? finish(entry) : zip_ok;
}

/* MARK: minizip's functions */

/* Copies `length` bytes into the entry's blocks, handing full ones to the pool. */
int cxlsx_packed_entry_feed(cxlsx_packed_entry *entry, const unsigned char *bytes, size_t length) {
    while (length > 0 && entry->error == zip_ok) {
        /* A full block is handed over only once more bytes come: the last is deflated otherwise. */
        if (entry->filling != NULL && entry->filling->length == block_size && !hand_over(entry, 0)) break;
        if (entry->filling == NULL && !begin_block(entry)) break;
        block *b = entry->filling;
        size_t room = block_size - b->length;
        size_t count = length < room ? length : room;
        memcpy(b->input + b->dictionary + b->length, bytes, count);
        b->length += count;
        bytes += count;
        length -= count;
    }
    return entry->error;
}

/* Writes `deflated` bytes of `fd`, from its start, into the entry as they are: a deflate stream of
 * `length` bytes with CRC `crc`, left open on a byte boundary (cxlsx_deflated_stream_end). The
 * blocks before it are ended on a byte boundary and written first, and the block after it starts
 * without a dictionary, so the entry stays one deflate stream. */
int cxlsx_packed_entry_feed_deflated(cxlsx_packed_entry *entry, int fd, unsigned long long deflated,
                                     unsigned long crc, unsigned long long length) {
    if (entry->error != zip_ok) return entry->error;
    if (entry->filling != NULL && !hand_over(entry, 0)) return entry->error;
    if (!write_deflated_blocks(entry, entry->started)) return entry->error;
    enum { piece = 256 * 1024 };
    unsigned char *buffer = malloc(piece);
    if (buffer == NULL) return entry->error = zip_internal_error;
    unsigned long long offset = 0;
    while (offset < deflated) {
        size_t wanted = deflated - offset < piece ? (size_t)(deflated - offset) : piece;
        ssize_t count = pread(fd, buffer, wanted, (off_t)offset);
        if (count < 0 && errno == EINTR) continue;
        if (count <= 0) {
            entry->error = zip_internal_error;
            break;
        }
        int status = entry->sink(entry->sink_context, buffer, (unsigned int)count);
        if (status != zip_ok) {
            entry->error = status;
            break;
        }
        offset += (unsigned long long)count;
    }
    free(buffer);
    if (entry->error != zip_ok) return entry->error;
    entry->crc = crc32_combine(entry->crc, crc, (z_off_t)length);
    entry->uncompressed += length;
    entry->fresh_dictionary = 1;
    return zip_ok;
}

int zipWriteInFileInZip(void *file, const void *buffer, unsigned int length) {
    cxlsx_packed_entry *entry = entry_of(file, 0);
    if (entry == NULL) {
        write_entry_signature *write_entry = minizip_write_entry();
        return write_entry != NULL ? write_entry(file, buffer, length) : zip_internal_error;
    }
    if (entry->error != zip_ok) return entry->error;
    if (entry->scan != NULL) {
        int status = cxlsx_splice_scan_write(entry->scan, entry, buffer, length);
        if (status != zip_ok && entry->error == zip_ok) entry->error = status;
    } else {
        cxlsx_packed_entry_feed(entry, buffer, length);
    }
    if (entry->error != zip_ok) release_blocks(entry);
    return entry->error;
}

int zipCloseFileInZip(void *file) {
    cxlsx_packed_entry *entry = entry_of(file, 1);
    if (entry != NULL) return finish(entry);
    close_entry_signature *close_entry = minizip_close_entry();
    return close_entry != NULL ? close_entry(file) : zip_internal_error;
}

int zipClose(void *file, const char *global_comment) {
    int error = cxlsx_close_packed_entry_of(file);
    int placed = cxlsx_splice_check_closed(file);
    if (error == zip_ok) error = placed;
    close_archive_signature *close_archive = minizip_close_archive();
    int status = close_archive != NULL ? close_archive(file, global_comment) : zip_internal_error;
    return error != zip_ok ? error : status;
}
