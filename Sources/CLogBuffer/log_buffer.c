// Write-ahead log writes, gathered per transaction.
//
// SQLite writes each WAL frame as two write() calls, its 24-byte header and then the page,
// so a transaction that changes nine pages costs eighteen system calls before its fsync.
// This VFS wraps the operating system's default one and, for write-ahead log files only,
// collects consecutive writes in a buffer and writes them in one call. The invariant that
// makes this equivalent to unbuffered writes: every buffer in the process is empty
// whenever SQLite publishes frames in the wal-index (it calls xShmBarrier on the database
// file between the two copies of the index header) and before any connection releases a
// wal-index lock (xShmLock with SQLITE_SHM_UNLOCK, which ends every write transaction,
// committed or rolled back). So no other connection, in this process or another, can read
// a frame, or write over one, before its bytes are in the kernel. Buffers are also flushed:
//
// - when a commit frame is complete (a frame header whose "database size" field is
//   non-zero marks the commit; its page is the write after it), or its header is rewritten
//   with new checksums, so a commit's write error comes back from that write and fails the
//   transaction, and a commit SQLite publishes without a barrier (a heap-memory wal-index,
//   in exclusive locking mode) is in the kernel first;
// - before any read overlapping the buffer, sync, truncate, size query or file control of
//   that file, and on close;
// - when a write does not continue or overwrite the buffered range, or would overflow it.
//
// Nothing is reordered: the file's bytes after a flush are exactly those the unbuffered
// writes would have left. A flush that fails where SQLite cannot be told (a barrier or an
// unlock, which only ever find frames that are not part of a commit: spilled frames, or the
// tail of a padding frame) is returned by the file's next call, which may belong to a
// later transaction: an error is reported late rather than lost. Database and journal files pass straight
// through. One lock serialises every buffer, since a barrier on one connection flushes the
// buffers of all.

#include "log_buffer.h"

#include <pthread.h>
#include <sqlite3.h>
#include <string.h>

enum {
    // The unix VFS writes at most 0x1ffff bytes a call (it masks the length: SQLite itself
    // never writes more than a 64 KiB page), so a flush stays below that: 29 frames of a
    // 4 KiB page, more than most transactions write; a larger one flushes as it fills.
    BUFFER_CAPACITY = 120 * 1024,
    WAL_FRAME_HEADER = 24,
};

typedef struct LogFile LogFile;
struct LogFile {
    sqlite3_file base;          // pMethods: ours
    sqlite3_file *real;         // the default VFS's file, allocated right after this struct
    int isLog;                  // a write-ahead log (SQLITE_OPEN_WAL)
    int commitPending;          // the last write was a commit frame's header
    sqlite3_int64 highWater;    // the end of the furthest write since the log (re)started
    unsigned char *buffer;      // BUFFER_CAPACITY bytes, allocated on the first write
    sqlite3_int64 start;        // file offset of buffer[0]
    int used;                   // bytes buffered
    int deferredError;          // a flush that failed where SQLite could not be told
    LogFile *next, *previous;   // every open write-ahead log file in the process
};

static sqlite3_vfs *realVFS;
static sqlite3_vfs bufferVFS;
static int installResult = SQLITE_ERROR;
static pthread_once_t installOnce = PTHREAD_ONCE_INIT;
static pthread_mutex_t buffersLock = PTHREAD_MUTEX_INITIALIZER;
static LogFile *logFiles;       // guarded by buffersLock, as are every LogFile's buffer fields

/// Writes the buffer out; the caller holds buffersLock.
static int flushLocked(LogFile *f) {
    if (f->used == 0) return SQLITE_OK;
    int used = f->used;
    f->used = 0;
    return f->real->pMethods->xWrite(f->real, f->buffer, used, f->start);
}

/// Flushes, or returns the error an earlier flush could not report.
static int flush(LogFile *f) {
    if (!f->isLog) return SQLITE_OK;
    pthread_mutex_lock(&buffersLock);
    int rc = f->deferredError;
    f->deferredError = SQLITE_OK;
    if (rc == SQLITE_OK) rc = flushLocked(f);
    pthread_mutex_unlock(&buffersLock);
    return rc;
}

/// Empties every buffer in the process (a publication or an unlock is about to happen);
/// a failure is kept for the file's next call.
static void flushAll(void) {
    pthread_mutex_lock(&buffersLock);
    for (LogFile *f = logFiles; f; f = f->next) {
        int rc = flushLocked(f);
        if (rc != SQLITE_OK && f->deferredError == SQLITE_OK) f->deferredError = rc;
    }
    pthread_mutex_unlock(&buffersLock);
}

static int logClose(sqlite3_file *file) {
    LogFile *f = (LogFile *)file;
    int rc = SQLITE_OK;
    if (f->isLog) {
        rc = flush(f);
        pthread_mutex_lock(&buffersLock);
        if (f->previous) f->previous->next = f->next; else logFiles = f->next;
        if (f->next) f->next->previous = f->previous;
        pthread_mutex_unlock(&buffersLock);
    }
    int closed = f->real->pMethods->xClose(f->real);
    sqlite3_free(f->buffer);
    f->buffer = 0;
    return rc != SQLITE_OK ? rc : closed;
}

static int logRead(sqlite3_file *file, void *out, int amount, sqlite3_int64 offset) {
    LogFile *f = (LogFile *)file;
    if (f->isLog) {
        pthread_mutex_lock(&buffersLock);
        int rc = f->deferredError;
        f->deferredError = SQLITE_OK;
        if (rc == SQLITE_OK && f->used > 0 && offset < f->start + f->used && offset + amount > f->start) rc = flushLocked(f);
        pthread_mutex_unlock(&buffersLock);
        if (rc != SQLITE_OK) return rc;
    }
    return f->real->pMethods->xRead(f->real, out, amount, offset);
}

/// Whether a 24-byte write is the header of a commit frame (bytes 4-7, the database size
/// after the commit, are non-zero only there).
static int isCommitHeader(const void *data, int amount) {
    if (amount != WAL_FRAME_HEADER) return 0;
    const unsigned char *bytes = data;
    return (bytes[4] | bytes[5] | bytes[6] | bytes[7]) != 0;
}

/// Buffers the write, or writes through; the caller holds buffersLock.
///
/// A commit frame is written as its header and then its page: the page completes it. But
/// when a page spilled earlier in the transaction was written again, SQLite then rewrites
/// the checksums of the frames after it, in place, ending with the commit frame's header,
/// and publishes the commit without another write (and, below synchronous=FULL or with a
/// heap-memory wal-index, without a sync or a barrier): a rewritten commit header is
/// flushed at once, so it is in the kernel, or its error is returned, before the commit
/// is published.
static int writeLocked(LogFile *f, const void *data, int amount, sqlite3_int64 offset) {
    int completesCommit = f->commitPending;
    if (offset == 0) f->highWater = 0;  // the log starts over: its header is written first
    int rewrite = offset + amount <= f->highWater;
    if (offset + amount > f->highWater) f->highWater = offset + amount;
    int commitHeader = isCommitHeader(data, amount);
    // Set for a rewrite too: `highWater` can overstate what the log holds (after this
    // connection rolled back spilled frames, or another connection restarted the log), so a
    // new commit's header may look like a rewrite; its page must still be flushed.
    f->commitPending = commitHeader;
    int fits = f->used > 0 && offset >= f->start && offset <= f->start + f->used
        && offset + amount - f->start <= BUFFER_CAPACITY;
    if (!fits) {
        int rc = flushLocked(f);
        if (rc != SQLITE_OK) return rc;
        if (amount > BUFFER_CAPACITY) return f->real->pMethods->xWrite(f->real, data, amount, offset);
        if (f->buffer == 0) {
            f->buffer = sqlite3_malloc(BUFFER_CAPACITY);
            if (f->buffer == 0) return f->real->pMethods->xWrite(f->real, data, amount, offset);
        }
        f->start = offset;
    }
    memcpy(f->buffer + (offset - f->start), data, (size_t)amount);
    if (offset + amount - f->start > f->used) f->used = (int)(offset + amount - f->start);
    return completesCommit || (commitHeader && rewrite) ? flushLocked(f) : SQLITE_OK;
}

static int logWrite(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset) {
    LogFile *f = (LogFile *)file;
    if (!f->isLog) return f->real->pMethods->xWrite(f->real, data, amount, offset);
    pthread_mutex_lock(&buffersLock);
    int rc = f->deferredError;
    f->deferredError = SQLITE_OK;
    if (rc == SQLITE_OK) rc = writeLocked(f, data, amount, offset);
    pthread_mutex_unlock(&buffersLock);
    return rc;
}

static int logTruncate(sqlite3_file *file, sqlite3_int64 size) {
    LogFile *f = (LogFile *)file;
    int rc = flush(f);
    return rc != SQLITE_OK ? rc : f->real->pMethods->xTruncate(f->real, size);
}

static int logSync(sqlite3_file *file, int flags) {
    LogFile *f = (LogFile *)file;
    int rc = flush(f);
    return rc != SQLITE_OK ? rc : f->real->pMethods->xSync(f->real, flags);
}

static int logFileSize(sqlite3_file *file, sqlite3_int64 *size) {
    LogFile *f = (LogFile *)file;
    int rc = flush(f);
    return rc != SQLITE_OK ? rc : f->real->pMethods->xFileSize(f->real, size);
}

static int logLock(sqlite3_file *file, int level) {
    LogFile *f = (LogFile *)file;
    return f->real->pMethods->xLock(f->real, level);
}

static int logUnlock(sqlite3_file *file, int level) {
    LogFile *f = (LogFile *)file;
    return f->real->pMethods->xUnlock(f->real, level);
}

static int logCheckReservedLock(sqlite3_file *file, int *out) {
    LogFile *f = (LogFile *)file;
    return f->real->pMethods->xCheckReservedLock(f->real, out);
}

static int logFileControl(sqlite3_file *file, int op, void *arg) {
    LogFile *f = (LogFile *)file;
    int rc = flush(f);
    if (rc != SQLITE_OK) return rc;
    if (op == SQLITE_FCNTL_VFSNAME) {
        int vfsRC = f->real->pMethods->xFileControl(f->real, op, arg);
        if (vfsRC == SQLITE_OK) {
            char **name = arg;
            *name = sqlite3_mprintf("%s/%z", bufferVFS.zName, *name);
        }
        return vfsRC;
    }
    return f->real->pMethods->xFileControl(f->real, op, arg);
}

static int logSectorSize(sqlite3_file *file) {
    LogFile *f = (LogFile *)file;
    return f->real->pMethods->xSectorSize(f->real);
}

static int logDeviceCharacteristics(sqlite3_file *file) {
    LogFile *f = (LogFile *)file;
    return f->real->pMethods->xDeviceCharacteristics(f->real);
}

static int logShmMap(sqlite3_file *file, int page, int size, int extend, void volatile **out) {
    LogFile *f = (LogFile *)file;
    if (f->real->pMethods->iVersion < 2) return SQLITE_IOERR_SHMMAP;
    return f->real->pMethods->xShmMap(f->real, page, size, extend, out);
}

static int logShmLock(sqlite3_file *file, int offset, int n, int flags) {
    LogFile *f = (LogFile *)file;
    if (f->real->pMethods->iVersion < 2) return SQLITE_IOERR_SHMLOCK;
    // A write transaction (committed or rolled back) ends with an unlock: its frames reach
    // the kernel before another writer may write over them.
    if (flags & SQLITE_SHM_UNLOCK) flushAll();
    return f->real->pMethods->xShmLock(f->real, offset, n, flags);
}

static void logShmBarrier(sqlite3_file *file) {
    LogFile *f = (LogFile *)file;
    // SQLite publishes frames in the wal-index across this barrier.
    flushAll();
    if (f->real->pMethods->iVersion >= 2) f->real->pMethods->xShmBarrier(f->real);
}

static int logShmUnmap(sqlite3_file *file, int deleteFlag) {
    LogFile *f = (LogFile *)file;
    if (f->real->pMethods->iVersion < 2) return SQLITE_OK;
    return f->real->pMethods->xShmUnmap(f->real, deleteFlag);
}

static int logFetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **out) {
    LogFile *f = (LogFile *)file;
    *out = 0;
    if (f->real->pMethods->iVersion < 3) return SQLITE_OK;
    int rc = flush(f);
    return rc != SQLITE_OK ? rc : f->real->pMethods->xFetch(f->real, offset, amount, out);
}

static int logUnfetch(sqlite3_file *file, sqlite3_int64 offset, void *page) {
    LogFile *f = (LogFile *)file;
    if (f->real->pMethods->iVersion < 3) return SQLITE_OK;
    return f->real->pMethods->xUnfetch(f->real, offset, page);
}

static const sqlite3_io_methods logMethods = {
    3,
    logClose, logRead, logWrite, logTruncate, logSync, logFileSize,
    logLock, logUnlock, logCheckReservedLock, logFileControl,
    logSectorSize, logDeviceCharacteristics,
    logShmMap, logShmLock, logShmBarrier, logShmUnmap,
    logFetch, logUnfetch,
};

static int bufferOpen(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *outFlags) {
    (void)vfs;
    LogFile *f = (LogFile *)file;
    memset(f, 0, sizeof(LogFile));
    f->real = (sqlite3_file *)&f[1];
    int rc = realVFS->xOpen(realVFS, name, f->real, flags, outFlags);
    if (rc != SQLITE_OK) {
        // SQLite calls no method (not even xClose) of a file whose open failed.
        if (f->real->pMethods) f->real->pMethods->xClose(f->real);
        file->pMethods = 0;
        return rc;
    }
    f->isLog = (flags & SQLITE_OPEN_WAL) != 0;
    if (f->isLog) {
        pthread_mutex_lock(&buffersLock);
        f->next = logFiles;
        if (logFiles) logFiles->previous = f;
        logFiles = f;
        pthread_mutex_unlock(&buffersLock);
    }
    file->pMethods = &logMethods;
    return SQLITE_OK;
}

static int bufferDelete(sqlite3_vfs *v, const char *name, int syncDir) { (void)v; return realVFS->xDelete(realVFS, name, syncDir); }
static int bufferAccess(sqlite3_vfs *v, const char *name, int flags, int *out) { (void)v; return realVFS->xAccess(realVFS, name, flags, out); }
static int bufferFullPathname(sqlite3_vfs *v, const char *name, int n, char *out) { (void)v; return realVFS->xFullPathname(realVFS, name, n, out); }
static void *bufferDlOpen(sqlite3_vfs *v, const char *name) { (void)v; return realVFS->xDlOpen(realVFS, name); }
static void bufferDlError(sqlite3_vfs *v, int n, char *out) { (void)v; realVFS->xDlError(realVFS, n, out); }
static void (*bufferDlSym(sqlite3_vfs *v, void *handle, const char *symbol))(void) { (void)v; return realVFS->xDlSym(realVFS, handle, symbol); }
static void bufferDlClose(sqlite3_vfs *v, void *handle) { (void)v; realVFS->xDlClose(realVFS, handle); }
static int bufferRandomness(sqlite3_vfs *v, int n, char *out) { (void)v; return realVFS->xRandomness(realVFS, n, out); }
static int bufferSleep(sqlite3_vfs *v, int micros) { (void)v; return realVFS->xSleep(realVFS, micros); }
static int bufferCurrentTime(sqlite3_vfs *v, double *out) { (void)v; return realVFS->xCurrentTime(realVFS, out); }
// The operating system's error number: what the store asks after an I/O error, to tell a
// full disk or a file-size limit from other failures.
static int bufferGetLastError(sqlite3_vfs *v, int n, char *out) { (void)v; return realVFS->xGetLastError(realVFS, n, out); }
static int bufferCurrentTimeInt64(sqlite3_vfs *v, sqlite3_int64 *out) { (void)v; return realVFS->xCurrentTimeInt64(realVFS, out); }

static void install(void) {
    // Before SQLite initialises (finding a VFS initialises it): no memory statistics, which
    // nothing here reads and which took a process-wide mutex on every allocation SQLite
    // made, some 140 times a case open. If SQLite was already initialised this is refused
    // (SQLITE_MISUSE) and changes nothing.
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    realVFS = sqlite3_vfs_find(0);
    if (realVFS == 0) { installResult = SQLITE_ERROR; return; }
    bufferVFS = (sqlite3_vfs){
        .iVersion = 2,
        .szOsFile = (int)sizeof(LogFile) + realVFS->szOsFile,
        .mxPathname = realVFS->mxPathname,
        .zName = "escdesk-log-buffer",
        .xOpen = bufferOpen,
        .xDelete = bufferDelete,
        .xAccess = bufferAccess,
        .xFullPathname = bufferFullPathname,
        .xDlOpen = bufferDlOpen,
        .xDlError = bufferDlError,
        .xDlSym = bufferDlSym,
        .xDlClose = bufferDlClose,
        .xRandomness = bufferRandomness,
        .xSleep = bufferSleep,
        .xCurrentTime = bufferCurrentTime,
        .xGetLastError = bufferGetLastError,
        .xCurrentTimeInt64 = bufferCurrentTimeInt64,
    };
    if (realVFS->iVersion < 2 || realVFS->xCurrentTimeInt64 == 0) bufferVFS.iVersion = 1;
    installResult = sqlite3_vfs_register(&bufferVFS, 1);
}

int escdesk_log_buffer_install(void) {
    pthread_once(&installOnce, install);
    return installResult;
}

int escdesk_log_buffer_installed(void) {
    sqlite3_vfs *current = sqlite3_vfs_find(0);
    return current == &bufferVFS;
}
