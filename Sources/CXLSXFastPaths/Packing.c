#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "CXLSXFastPaths.h"
#include "Interposition.h"

/* libxlsxwriter packs a workbook in workbook_close through five minizip calls: zipOpen, then per
 * part zipOpenNewFileInZip4_64, zipWriteInFileInZip (16 KB at a time) and zipCloseFileInZip, and
 * finally zipClose. The last four are defined here. Each part's deflate runs on a packing thread
 * of the zip file's own, in the order the parts come, while the closing thread goes on reading and
 * assembling the next part: the two halves of packing overlap on two cores. The level is the
 * closing thread's (cxlsx_set_deflate_level). Errors from minizip are kept and returned by the
 * next call, at the latest by zipClose, so a failed part still fails the workbook. */

/* minizip 1.1's values, from its zip.h, which Debian does not ship with libminizip1. */
enum { z_deflated = 8, z_default_compression = -1, zip_ok = 0, zip_internal_error = -104 };

/* minizip's signatures: each declares this file's definition, and types the one it hides. */
typedef int open_entry_signature(void *file, const char *filename, const void *file_info,
                                 const void *extra_local, unsigned int extra_local_size,
                                 const void *extra_global, unsigned int extra_global_size,
                                 const char *comment, int method, int level, int raw,
                                 int window_bits, int memory_level, int strategy,
                                 const char *password, unsigned long crc_for_crypting,
                                 unsigned long version_made_by, unsigned long flag_base, int zip64);
typedef int write_entry_signature(void *file, const void *data, unsigned int size);
typedef int close_entry_signature(void *file);
typedef int close_signature(void *file, const char *comment);
typedef open_entry_signature *open_entry_function;
typedef write_entry_signature *write_entry_function;
typedef close_entry_signature *close_entry_function;
typedef close_signature *close_function;

open_entry_signature zipOpenNewFileInZip4_64;
write_entry_signature zipWriteInFileInZip;
close_entry_signature zipCloseFileInZip;
close_signature zipClose;

CXLSX_HIDDEN_DEFINITION(open_entry_function, minizip_open_entry, "zipOpenNewFileInZip4_64")
CXLSX_HIDDEN_DEFINITION(write_entry_function, minizip_write_entry, "zipWriteInFileInZip")
CXLSX_HIDDEN_DEFINITION(close_entry_function, minizip_close_entry, "zipCloseFileInZip")
CXLSX_HIDDEN_DEFINITION(close_function, minizip_close, "zipClose")

/* MARK: The level */

static _Thread_local int deflate_level = z_default_compression;

void cxlsx_set_deflate_level(int level) {
    deflate_level = (level >= 1 && level <= 9) ? level : z_default_compression;
}

int cxlsx_deflate_level(void) {
    return deflate_level;
}

int cxlsx_deflate_level_takes_effect(void) {
    return cxlsx_binds_here("zipOpenNewFileInZip4_64", (void *)&zipOpenNewFileInZip4_64);
}

/* MARK: The packing thread */

static _Thread_local int packing_thread_enabled = 1;

void cxlsx_set_packing_thread(int enabled) {
    packing_thread_enabled = enabled != 0;
}

enum { queue_length = 8, block_capacity = 1 << 20 };

enum job_kind { job_open_entry, job_write, job_close_entry, job_stop };

/* minizip 1.1's zip_fileinfo: a date as six unsigned ints, then three unsigned longs. */
struct zip_file_info {
    unsigned int date[6];
    unsigned long dos_date, internal_attributes, external_attributes;
};
_Static_assert(sizeof(struct zip_file_info) == 6 * sizeof(unsigned int) + 3 * sizeof(unsigned long) +
                   (6 * sizeof(unsigned int)) % sizeof(unsigned long),
               "zip_fileinfo's layout");

struct open_arguments {
    /* A copy, since the caller's may not outlive the call. */
    struct zip_file_info file_info;
    int has_file_info;
    int method, level, raw, window_bits, memory_level, strategy, zip64;
    unsigned long crc_for_crypting, version_made_by, flag_base;
};

struct job {
    enum job_kind kind;
    char *filename;
    struct open_arguments open;
    unsigned char *data;
    unsigned int size;
};

/* One zip file being packed: its thread, the jobs waiting for it, and the data the closing thread
 * is gathering into the next write. */
struct packer {
    void *zip;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    struct job queue[queue_length];
    int head, count;
    int error;
    unsigned char *block;
    unsigned int block_size;
    struct packer *next;
};

static pthread_mutex_t packers_lock = PTHREAD_MUTEX_INITIALIZER;
static struct packer *packers;

static struct packer *packer_of(void *zip) {
    pthread_mutex_lock(&packers_lock);
    struct packer *packer = packers;
    while (packer != NULL && packer->zip != zip) packer = packer->next;
    pthread_mutex_unlock(&packers_lock);
    return packer;
}

static void record(struct packer *packer, int result) {
    pthread_mutex_lock(&packer->lock);
    if (packer->error == zip_ok && result != zip_ok) packer->error = result;
    pthread_mutex_unlock(&packer->lock);
}

static int run(struct packer *packer, const struct job *job) {
    switch (job->kind) {
    case job_open_entry: {
        open_entry_function open_entry = minizip_open_entry();
        if (open_entry == NULL) return zip_internal_error;
        const struct open_arguments *a = &job->open;
        return open_entry(packer->zip, job->filename, a->has_file_info ? &a->file_info : NULL, NULL, 0, NULL, 0, NULL,
                          a->method, a->level,
                          a->raw, a->window_bits, a->memory_level, a->strategy, NULL, a->crc_for_crypting,
                          a->version_made_by, a->flag_base, a->zip64);
    }
    case job_write: {
        write_entry_function write_entry = minizip_write_entry();
        if (write_entry == NULL) return zip_internal_error;
        int result = write_entry(packer->zip, job->data, job->size);
        return result < 0 ? result : zip_ok;
    }
    case job_close_entry: {
        close_entry_function close_entry = minizip_close_entry();
        return close_entry == NULL ? zip_internal_error : close_entry(packer->zip);
    }
    case job_stop:
        return zip_ok;
    }
    return zip_internal_error;
}

static void *pack(void *argument) {
    struct packer *packer = argument;
    for (;;) {
        pthread_mutex_lock(&packer->lock);
        while (packer->count == 0) pthread_cond_wait(&packer->changed, &packer->lock);
        struct job job = packer->queue[packer->head];
        packer->head = (packer->head + 1) % queue_length;
        packer->count--;
        int failed = packer->error != zip_ok;
        pthread_cond_broadcast(&packer->changed);
        pthread_mutex_unlock(&packer->lock);
        /* After a failure the rest is dropped: the workbook fails as a whole. */
        if (!failed) record(packer, run(packer, &job));
        free(job.filename);
        free(job.data);
        if (job.kind == job_stop) return NULL;
    }
}

/* Queues `job`, waiting while the queue is full, and returns the first error seen so far. */
static int submit(struct packer *packer, struct job job) {
    pthread_mutex_lock(&packer->lock);
    while (packer->count == queue_length) pthread_cond_wait(&packer->changed, &packer->lock);
    packer->queue[(packer->head + packer->count) % queue_length] = job;
    packer->count++;
    pthread_cond_broadcast(&packer->changed);
    int error = packer->error;
    pthread_mutex_unlock(&packer->lock);
    return error;
}

/* The packer of `zip`, started on its first part; NULL when no thread can be had, and the zip is
 * then packed on the calling thread. */
static struct packer *start_packer(void *zip) {
    struct packer *packer = calloc(1, sizeof *packer);
    if (packer == NULL) return NULL;
    packer->zip = zip;
    pthread_mutex_init(&packer->lock, NULL);
    pthread_cond_init(&packer->changed, NULL);
    if (pthread_create(&packer->thread, NULL, pack, packer) != 0) {
        pthread_cond_destroy(&packer->changed);
        pthread_mutex_destroy(&packer->lock);
        free(packer);
        return NULL;
    }
    pthread_mutex_lock(&packers_lock);
    packer->next = packers;
    packers = packer;
    pthread_mutex_unlock(&packers_lock);
    return packer;
}

/* Stops the packer after its last job and forgets it; returns its first error. */
static int stop_packer(struct packer *packer) {
    submit(packer, (struct job){.kind = job_stop});
    pthread_join(packer->thread, NULL);
    pthread_mutex_lock(&packers_lock);
    struct packer **link = &packers;
    while (*link != packer) link = &(*link)->next;
    *link = packer->next;
    pthread_mutex_unlock(&packers_lock);
    int error = packer->error;
    free(packer->block);
    pthread_cond_destroy(&packer->changed);
    pthread_mutex_destroy(&packer->lock);
    free(packer);
    return error;
}

/* Hands the gathered data to the packing thread. */
static int flush_block(struct packer *packer) {
    if (packer->block_size == 0) return packer->error;
    struct job job = {.kind = job_write, .data = packer->block, .size = packer->block_size};
    packer->block = NULL;
    packer->block_size = 0;
    return submit(packer, job);
}

/* MARK: minizip's calls */

int zipOpenNewFileInZip4_64(void *file, const char *filename, const void *file_info,
                            const void *extra_local, unsigned int extra_local_size,
                            const void *extra_global, unsigned int extra_global_size,
                            const char *comment, int method, int level, int raw,
                            int window_bits, int memory_level, int strategy,
                            const char *password, unsigned long crc_for_crypting,
                            unsigned long version_made_by, unsigned long flag_base, int zip64) {
    /* Only a caller that left the level to zlib gets this thread's: one that chose is obeyed. */
    if (method == z_deflated && level == z_default_compression) level = deflate_level;
    struct packer *packer = packer_of(file);
    /* What libxlsxwriter never passes (extra fields, comments, passwords) is not copied for the
     * packing thread: such a part is packed here, after the parts before it. */
    int plain = extra_local == NULL && extra_global == NULL && comment == NULL && password == NULL;
    if (packer == NULL && plain && packing_thread_enabled) packer = start_packer(file);
    char *name = packer != NULL && plain ? strdup(filename) : NULL;
    if (name == NULL) {
        if (packer != NULL) {
            int error = stop_packer(packer);
            if (error != zip_ok) return error;
        }
        open_entry_function open_entry = minizip_open_entry();
        if (open_entry == NULL) return zip_internal_error;
        return open_entry(file, filename, file_info, extra_local, extra_local_size, extra_global,
                          extra_global_size, comment, method, level, raw, window_bits, memory_level,
                          strategy, password, crc_for_crypting, version_made_by, flag_base, zip64);
    }
    struct job job = {
        .kind = job_open_entry, .filename = name,
        .open = {.has_file_info = file_info != NULL, .method = method, .level = level, .raw = raw,
                 .window_bits = window_bits, .memory_level = memory_level, .strategy = strategy,
                 .zip64 = zip64, .crc_for_crypting = crc_for_crypting,
                 .version_made_by = version_made_by, .flag_base = flag_base},
    };
    if (file_info != NULL) memcpy(&job.open.file_info, file_info, sizeof job.open.file_info);
    return submit(packer, job);
}

int zipWriteInFileInZip(void *file, const void *data, unsigned int size) {
    struct packer *packer = packer_of(file);
    if (packer == NULL) {
        write_entry_function write_entry = minizip_write_entry();
        return write_entry == NULL ? zip_internal_error : write_entry(file, data, size);
    }
    const unsigned char *bytes = data;
    while (size > 0) {
        if (packer->block == NULL) {
            packer->block = malloc(block_capacity);
            if (packer->block == NULL) return zip_internal_error;
        }
        unsigned int room = block_capacity - packer->block_size;
        unsigned int taken = size < room ? size : room;
        memcpy(packer->block + packer->block_size, bytes, taken);
        packer->block_size += taken;
        bytes += taken;
        size -= taken;
        if (packer->block_size == block_capacity) {
            int error = flush_block(packer);
            if (error != zip_ok) return error;
        }
    }
    pthread_mutex_lock(&packer->lock);
    int error = packer->error;
    pthread_mutex_unlock(&packer->lock);
    return error;
}

int zipCloseFileInZip(void *file) {
    struct packer *packer = packer_of(file);
    if (packer == NULL) {
        close_entry_function close_entry = minizip_close_entry();
        return close_entry == NULL ? zip_internal_error : close_entry(file);
    }
    int error = flush_block(packer);
    if (error != zip_ok) return error;
    return submit(packer, (struct job){.kind = job_close_entry});
}

int zipClose(void *file, const char *comment) {
    struct packer *packer = packer_of(file);
    int error = packer != NULL ? stop_packer(packer) : zip_ok;
    close_function close = minizip_close();
    int closed = close == NULL ? zip_internal_error : close(file, comment);
    return error != zip_ok ? error : closed;
}

int cxlsx_packing_thread_takes_effect(void) {
    return cxlsx_binds_here("zipWriteInFileInZip", (void *)&zipWriteInFileInZip)
        && cxlsx_binds_here("zipCloseFileInZip", (void *)&zipCloseFileInZip)
        && cxlsx_binds_here("zipClose", (void *)&zipClose);
}
