/* zb_progress — are we on track, and what growth do we now need?
 *
 * For a plan target and a monitoring year: the progress share
 * (value - base) / (target - base) against the time share
 * (year - base year) / (target year - base year) ("时间过半、任务过半"); the
 * pace so far against the pace now required; the value anticipated at the
 * target year on the pace so far; and a verdict.  Levels and per-capita
 * values compound (their pace from current-price levels is nominal); rates,
 * shares and other indicators move in points; growth indicators (增速) are
 * compounded year by year over the plan period; reductions (能耗下降) are
 * cumulated year by year against the period's total.
 *
 * Verdicts (docs/progress.md has the formulas and examples):
 *   achieved        the value meets the target (by its comparison and the
 *                   indicator's direction; 左右 within the tolerance)
 *   on track        the anticipated value meets it, or progress share >=
 *                   time share
 *   behind          progress share >= 0.75 x time share
 *   off track       less than that
 *   moving away     the value moved from the base away from the target, or
 *                   a target met at the base is no longer met
 *   missed          the target year came and the target was not met
 *   not assessable  no numeric target, no base, no value — with the reason
 * A binding (约束性) indicator behind, off track, moving away or missed is an
 * error; an anticipatory one a warning.
 *
 * Target consistency: the growth that base and target imply, against the
 * stated growth, with a finding when they differ by more than the tolerance.
 *
 * Ownership: results are plain structs in the caller's storage; nothing here
 * allocates.
 */
#ifndef ZB_PROGRESS_H
#define ZB_PROGRESS_H

#include <stddef.h>

#include "zb_dataset.h"
#include "zb_diag.h"
#include "zb_growth.h"
#include "zb_spec.h"

typedef enum {
    ZB_VERDICT_ACHIEVED = 0,
    ZB_VERDICT_ON_TRACK,
    ZB_VERDICT_BEHIND,
    ZB_VERDICT_OFF_TRACK,
    ZB_VERDICT_MOVING_AWAY,
    ZB_VERDICT_MISSED,
    ZB_VERDICT_NOT_ASSESSABLE,
    ZB_VERDICT_COUNT
} zb_verdict;

/* Behind vs off track: the share of the time-proportional progress made. */
#define ZB_BEHIND_THRESHOLD 0.75

/* Where a reported growth rate comes from. */
typedef enum {
    ZB_REPORTED_NONE = 0,
    ZB_REPORTED_SERIES,  /* a growth indicator (comparable prices) compounded over the years */
    ZB_REPORTED_PLAN,    /* the plan's own 完成情况 growth (achieved_growth_text) */
} zb_reported_source;

typedef struct zb_progress {
    size_t target;           /* index into ds->targets */
    int year;                /* monitoring year */
    double base, value;      /* for reductions: 0 and the cumulative reduction (%) */
    double goal, goal_hi;    /* in the indicator's unit; goal_hi differs for a range */
    zb_cmp cmp;
    zb_spec_form form;
    int direction;           /* +1 higher is better, -1 lower */
    int compound;            /* 1: rates below are fractions a year; 0: points a year */
    double time_share, progress_share;
    double actual_rate;      /* pace since the base (levels: nominal, from current-price levels) */
    double required_rate;    /* pace needed from the year to the target */
    double stated_rate;      /* the plan's growth (growth_text); NaN if none */
    int stated_compound;     /* stated_rate is a fraction (1) or points (0) */
    double reported_rate;    /* fraction a year, see reported_source; NaN if none */
    zb_reported_source reported_source;
    double anticipated;      /* at the target year on the pace so far */
    int binding;
    zb_verdict verdict;
    zb_severity severity;    /* ZB_ERROR / ZB_WARNING for a shortfall, else ZB_NOTE */
    char reason[512];        /* why not assessable, or what the verdict rests on */
} zb_progress;

/* Assesses target `target` of ds in `year`.  Always fills out; returns 0. */
int zb_progress_assess(const zb_dataset *ds, size_t target, int year,
                       const zb_tolerance *tol, zb_progress *out);

typedef struct zb_consistency {
    size_t target;
    int assessable;          /* base, target and stated growth all numeric */
    int compound;            /* implied/stated in % a year (1) or points a year (0) */
    double base, goal, years;
    double implied;          /* % a year (compound) or points a year */
    double stated;           /* same unit */
    double gap;              /* implied - stated */
    int consistent;
    char reason[512];
} zb_consistency;

/* Checks that base, target and stated growth agree.  Returns 0. */
int zb_consistency_check(const zb_dataset *ds, size_t target, const zb_tolerance *tol,
                         zb_consistency *out);

/* The base value of target k: its base_value, else the observation in its
 * base year; NaN when neither. */
double zb_target_base(const zb_dataset *ds, size_t target);

/* The number target k asks for, in the indicator's unit: a value or range
 * as written (scaled by 万/亿 where the texts differ), or a change
 * (提高2个百分点, 下降13.5%, 翻一番) applied to the base.  A growth indicator
 * whose target cell is empty or —— takes its goal from the growth column
 * (固定资产投资增速: ——, 9左右).  spec gets the parsed text.  Returns 0, or
 * -1 with the reason (text target, no base for a change, unit mismatch,
 * malformed number) in reason. */
int zb_target_goal(const zb_dataset *ds, size_t target, zb_spec *spec, double *goal,
                   double *goal_hi, char *reason, size_t rlen);

enum { ZB_TEXT_TARGET = 1, ZB_TEXT_GROWTH = 2, ZB_TEXT_BOTH = 3 };

/* Adds to d an error for each malformed text of target k that `which`
 * names (ZB_TEXT_*), at its file, line and column (the cell's column plus
 * the character's offset): a malformed number (5..09), a range without an
 * end ("5-"), a growth text that is not one number (1x2).  Free text and
 * empty cells are not errors.  Returns how many it added (0, 1 or 2). */
int zb_target_text_check(const zb_dataset *ds, size_t target, int which, zb_diags *d);

/* The stated average annual growth of target k (growth_text): *rate is a
 * fraction when *compound (levels, per-capita values, a rate whose growth is
 * written with %), else points a year.  Returns 0, or -1 when the text is
 * not one number. */
int zb_target_stated_growth(const zb_dataset *ds, size_t target, double *rate, int *compound,
                            zb_cmp *cmp);

/* Is unit an amount of money (元, 万元, 亿元, 亿美元, and per something:
 * 元/人; but not 人/亿元 or 吨标煤/万元)?  Growth computed from such
 * values at current prices is nominal, and only they take growth
 * scenarios (zb_project). */
int zb_unit_is_money(const char *unit);

const char *zb_verdict_name(zb_verdict v);   /* "on_track" */
const char *zb_verdict_label(zb_verdict v);  /* 进度正常 / on track */
int zb_verdict_parse(const char *name);      /* -1 when unknown */

/* Does value meet goal under cmp for an indicator whose better direction is
 * `direction`?  ABOUT accepts within tol (points for % and ‰ values,
 * relative otherwise); a range is met from its near end. */
int zb_goal_met(double value, double goal, double goal_hi, zb_spec_form form, zb_cmp cmp,
                int direction, int percent_unit, const zb_tolerance *tol);

#endif
