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

/// Key codes for the keys the desk binds (plain macros, wrapped so the Swift side names them once).
static inline int cn_key_up(void) { return KEY_UP; }
static inline int cn_key_down(void) { return KEY_DOWN; }
static inline int cn_key_left(void) { return KEY_LEFT; }
static inline int cn_key_right(void) { return KEY_RIGHT; }
static inline int cn_key_home(void) { return KEY_HOME; }
static inline int cn_key_end(void) { return KEY_END; }
static inline int cn_key_ppage(void) { return KEY_PPAGE; }
static inline int cn_key_npage(void) { return KEY_NPAGE; }
static inline int cn_key_dc(void) { return KEY_DC; }
static inline int cn_key_btab(void) { return KEY_BTAB; }
static inline int cn_key_backspace(void) { return KEY_BACKSPACE; }
static inline int cn_key_enter(void) { return KEY_ENTER; }

/// Opens the terminal without initscr's exit-on-failure, so a missing tty becomes an error
/// the caller can report (stdin/stdout are C globals Swift 6 rejects).
static inline SCREEN *cn_newterm(void) { return newterm(NULL, stdout, stdin); }

/// Reads one wide character or key code from the standard screen.
/// Returns OK (a character in *out), KEY_CODE_YES (a key code in *out) or ERR (timeout).
static inline int cn_get_wch(wint_t *out) { return wget_wch(stdscr, out); }

/// Reports left-button presses and clicks (BUTTON1_* are function-like macros).
static inline void cn_enable_mouse_clicks(void) {
    mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
}

/// Takes the pending mouse event; returns 1 and its cell if it was a left press or click.
static inline int cn_get_mouse_click(int *row, int *col) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    if ((event.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) == 0) return 0;
    *row = event.y;
    *col = event.x;
    return 1;
}

/// Draws one cell: a spacing character plus up to four combining characters (NUL-terminated),
/// with attributes and a colour pair, at row y, column x of the standard screen.
static inline int cn_put_cell(int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

/// Display width of one character measured under the given locale (a UTF-8 LC_CTYPE), switched
/// for this thread only, so widths are right even when the process locale is still "C".
static inline int cn_wcwidth_in(locale_t locale, wchar_t c) {
    locale_t previous = uselocale(locale);
    int width = wcwidth(c);
    uselocale(previous);
    return width;
}

/// A UTF-8 LC_CTYPE locale for width measurement, or (locale_t)0 if C.UTF-8 is unavailable.
static inline locale_t cn_new_utf8_ctype_locale(void) {
    return newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

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
