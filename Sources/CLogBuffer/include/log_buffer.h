#ifndef ESCDESK_LOG_BUFFER_H
#define ESCDESK_LOG_BUFFER_H

/// Makes "escdesk-log-buffer" the process's default SQLite VFS: the operating system's own
/// VFS, except that writes to a write-ahead log are gathered in memory and handed to the
/// kernel in one write per transaction (see log_buffer.c). Called before SQLite first
/// initialises, it also turns off SQLite's memory statistics, which cost a mutex on every
/// allocation. Safe to call more than once and from any thread; returns SQLITE_OK or
/// SQLite's error code.
int escdesk_log_buffer_install(void);

/// Whether connections opened from now on use the buffering VFS.
int escdesk_log_buffer_installed(void);

#endif
