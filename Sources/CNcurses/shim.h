// The small C surface of ncursesw that Swift 6 can use safely.
// SwiftPM drops pkg-config's -D flags, so the wide-character switches are set here.
#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <wchar.h>
#include <signal.h>
#include <ncursesw/curses.h>

/// The standard screen (a C global Swift 6 rejects).
static inline WINDOW *cn_stdscr(void) { return stdscr; }
/// Terminal height in lines.
static inline int cn_lines(void) { return LINES; }
/// Terminal width in columns.
static inline int cn_cols(void) { return COLS; }
/// How many colour pairs the terminal supports.
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }
/// Attribute macros.
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_dim(void) { return A_DIM; }
static inline attr_t cn_a_normal(void) { return A_NORMAL; }
static inline attr_t cn_color_pair(int n) { return COLOR_PAIR(n); }
/// Key codes.
static inline int cn_key_f(int n) { return KEY_F(n); }
static inline int cn_key_resize(void) { return KEY_RESIZE; }
static inline int cn_key_mouse(void) { return KEY_MOUSE; }
static inline int cn_err(void) { return ERR; }
static inline int cn_ok(void) { return OK; }
static inline int cn_key_code_yes(void) { return KEY_CODE_YES; }

/// Display width of one character (-1 for non-printable).
static inline int cn_wcwidth(wchar_t c) { return wcwidth(c); }

/// Restores the terminal and re-raises a fatal signal, so a crash never leaves the terminal raw.
static void cn_fatal_signal_handler(int sig) {
    endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}

/// Installs the restoring handler for SIGSEGV, SIGBUS, SIGILL, SIGABRT, SIGFPE and SIGTRAP
/// (a Swift trap), which otherwise would leave the terminal in raw mode.
static inline void cn_install_fatal_signal_handlers(void) {
    signal(SIGSEGV, cn_fatal_signal_handler);
    signal(SIGBUS, cn_fatal_signal_handler);
    signal(SIGILL, cn_fatal_signal_handler);
    signal(SIGABRT, cn_fatal_signal_handler);
    signal(SIGFPE, cn_fatal_signal_handler);
    signal(SIGTRAP, cn_fatal_signal_handler);
}

#endif
