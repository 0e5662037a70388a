/* zb_opts — the options the data commands share (progress, project,
 * consistency): which dataset, which targets, which output.
 *
 * Ownership: strings point into argv; zb_opts_load_dataset allocates the
 * dataset (free with zb_dataset_free).
 */
#ifndef ZB_OPTS_H
#define ZB_OPTS_H

#include "zb_dataset.h"
#include "zb_growth.h"
#include "zb_out.h"

typedef struct zb_opts {
    const char *command;  /* argv[0] of the subcommand, for its messages */
    const char *data, *encoding, *output;
    const char *plan, *region, *indicator;
    int year, to_year;
    double half_life;
    double rates[3];
    int nrates;
    zb_out_format format;
    int format_given; /* --format was given; else -o's extension decides */
    int bom;
    zb_tolerance tol;
    /* zb_opts_stream: the output opened early (NULL with streaming on stdout) */
    struct zb_outfile *stream_file;
    int streaming;
} zb_opts;

/* Parses argv[1..] of a subcommand.  Unknown options and bad values print a
 * message (with the usage line given) and return -1; -h/--help prints the
 * usage to stdout and returns 1.  Without --format the extension of -o
 * decides (.csv, .json, .txt); another extension is an error (-1). */
int zb_opts_parse(int argc, char **argv, const char *usage, zb_opts *o);
/* Loads o->data; prints problems and returns NULL when it has errors. */
zb_dataset *zb_opts_load_dataset(const zb_opts *o);
/* Writes the table to o->output (atomically, creating its folder when
 * missing) or to stdout for none or "-".  Returns 0 or -1. */
int zb_opts_write(const zb_opts *o, const zb_out *t);
/* For results of millions of rows: opens o->output (or stdout) now and lets
 * t write CSV or JSON rows into it as they are made (zb_out_stream), so that
 * they are not all held in memory; zb_opts_write then finishes and commits
 * the file (still atomically: until then it is a temporary file).  A text
 * table is not streamed.  Returns 0, or -1 when the file cannot be opened. */
int zb_opts_stream(zb_opts *o, zb_out *t);
/* mkdir -p for the folder part of path (nothing to do when there is none).
 * Returns 0, or -1 with a message naming the folder in err. */
int zb_opts_make_parent_dirs(const char *path, char *err, size_t errlen);
/* For a region (regions = 1) or indicator code not found: "；是不是 gdp
 * （地区生产总值(GDP)）？" when a name equals what was typed or, for an
 * indicator, a code is one or two edits away; "" otherwise.  Writes buf. */
void zb_opts_suggest(char *buf, size_t len, const zb_dataset *ds, const char *typed, int regions);
/* Is code one of the comma-separated codes in list (--indicator a,b,c)? */
int zb_opts_listed(const char *list, const char *code);
/* Does target k pass the plan/region/indicator filters? */
int zb_opts_match_target(const zb_opts *o, const zb_dataset *ds, size_t k);
/* Formats v with the indicator's decimals ("" for NaN); never "-0.00". */
void zb_fmt_value(char *buf, size_t len, double v, int decimals);
/* A pace a year of an indicator in unit, as zb_pace_format's table cell:
 * "9.86%" (compound), "+0.68点" (%), "+0.0086 人/亿元/年"; "" for NaN. */
void zb_fmt_rate(char *buf, size_t len, double r, int compound, const char *unit);
/* A stated growth text with its unit made explicit: "10左右" -> "10%左右"
 * (compound) or "+0.68点" (a rate in %); "" for ——; other text unchanged. */
void zb_fmt_stated(char *buf, size_t len, const char *text, int compound, const char *unit);
/* Do --region/--indicator name known codes?  Prints the unknown one to
 * stderr (as `command`) and returns -1. */
int zb_opts_check_codes(const zb_opts *o, const zb_dataset *ds, const char *command);

#endif
