#ifndef CXLSXFASTPATHS_PARALLEL_PACKING_H
#define CXLSXFASTPATHS_PARALLEL_PACKING_H

/* The entries whose deflate this target does itself, on every core (ParallelPacking.c); not part of
 * the target's interface. The open (Packing.c) asks minizip for a raw entry, and this file's
 * definitions of zipWriteInFileInZip, zipCloseFileInZip and zipClose deflate what is written to it. */

typedef struct cxlsx_packed_entry cxlsx_packed_entry;

/* Where deflated bytes go: ZIP_OK (0), or an error that fails the entry. */
typedef int cxlsx_deflated_sink(void *context, const void *bytes, unsigned int length);

/* 1 when minizip's writes and closes reach this target and minizip's own definitions were found:
 * only then may an entry be opened raw. Worked out once. */
int cxlsx_parallel_packing_available(void);

/* A new entry that will deflate at these zlib settings, not yet tied to a zip file; NULL when out
 * of memory (the caller then leaves the entry to minizip). */
cxlsx_packed_entry *cxlsx_packed_entry_new(int level, int memory_level, int strategy);

/* Ties `entry` to `file`, whose raw entry minizip has just opened: from now on what is written to
 * `file` is deflated here. */
void cxlsx_packed_entry_attach(cxlsx_packed_entry *entry, void *file);

/* Frees an entry that was never attached (minizip refused to open it). */
void cxlsx_packed_entry_discard(cxlsx_packed_entry *entry);

/* A deflate stream of its own, not a zip entry: fed with cxlsx_packed_entry_feed, deflated in
 * blocks on the same threads at `level` as it is fed, the blocks handed to `sink` in order. It is
 * never ended: the last block ends on a byte boundary, so the stream can stand in the middle of
 * another (cxlsx_packed_entry_feed_deflated). NULL when out of memory. */
cxlsx_packed_entry *cxlsx_deflated_stream_new(int level, cxlsx_deflated_sink *sink, void *context);

/* Deflates what is left of the stream and hands it to the sink; the CRC-32 of the bytes fed.
 * ZIP_OK (0), or the first error (then the stream takes nothing more). */
int cxlsx_deflated_stream_end(cxlsx_packed_entry *entry, unsigned long *crc);

/* Frees the stream once none of its blocks is with the packing threads. */
void cxlsx_deflated_stream_free(cxlsx_packed_entry *entry);

/* Finishes and closes the entry this target holds open in `file`, as minizip closes an entry left
 * open when the next is opened; ZIP_OK (0) when there is none. */
int cxlsx_close_packed_entry_of(void *file);

#endif
