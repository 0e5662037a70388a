/* zb_progress — are we on track, and what growth do we now need?
 *
 * For a plan target and a monitoring year: the progress share
 * (value - base) / (target - base) against the time share
 * (year - base year) / (target year - base year) ("时间过半、任务过半"); the
 * pace so far against the pace now required; the value anticipated at the
 * target year on the pace so far; and a verdict.  Levels and per-capita
 * values compound; rates, shares and other indicators move in points.
 *
 * Verdicts (documented in docs/progress.md):
 *   achieved      the value already meets the target (by its comparison and
 *                 the indicator's direction; 左右 within the tolerance)
 *   on track      the anticipated value meets it, or progress share >= time share
 *   behind        progress share >= 0.75 x time share
 *   off track     less than that
 *   moving away   the value moved from the base away from the target
 *   missed        the target year came and the target was not met
 *   not assessable  no numeric target, no base, no value — with the reason
 * A binding (约束性) indicator behind, off track, moving away or missed is an error;
 * an anticipatory one a warning.
 *
 * Target consistency: the growth that base and target imply, against the
 * stated growth, with a finding when they differ by more than the tolerance.
 *
 * Ownership: results are plain structs filled by the caller's storage;
 * nothing here allocates.
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

typedef struct zb_progress {
    size_t target;           /* index into ds->targets */
    int year;                /* monitoring year */
    double base, value, goal, goal_hi;
    zb_cmp cmp;
    int direction;           /* +1 higher is better, -1 lower */
    int compound;            /* 1: levels compound; 0: points */
    double time_share, progress_share;
    double actual_rate;      /* per year since the base: fraction or points */
    double required_rate;    /* per year from the year to the target */
    double stated_rate;      /* stated growth (growth_text): fraction or points; NaN if none */
    double anticipated;      /* at the target year on the pace so far */
    int binding;
    zb_verdict verdict;
    zb_severity severity;    /* ZB_ERROR / ZB_WARNING for a shortfall, else ZB_NOTE */
    char reason[256];        /* why not assessable, or what the verdict rests on */
} zb_progress;

/* Assesses target `target` of ds in `year`. Always fills out; returns 0. */
int zb_progress_assess(const zb_dataset *ds, size_t target, int year,
                       const zb_tolerance *tol, zb_progress *out);

typedef struct zb_consistency {
    size_t target;
    int assessable;          /* base, target and stated growth all numeric */
    int compound;
    double base, goal, years;
    double implied;          /* % a year (compound) or points a year */
    double stated;           /* same unit */
    double gap;              /* implied - stated */
    int consistent;
    char reason[256];
} zb_consistency;

/* Checks that base, target and stated growth agree. Returns 0. */
int zb_consistency_check(const zb_dataset *ds, size_t target, const zb_tolerance *tol,
                         zb_consistency *out);

const char *zb_verdict_name(zb_verdict v);   /* "on_track" */
const char *zb_verdict_label(zb_verdict v);  /* 进度正常 / on track */

/* Does value meet goal under cmp for an indicator whose better direction is
 * `direction`?  ABOUT accepts within tol (points for %, relative otherwise). */
int zb_goal_met(double value, double goal, double goal_hi, zb_spec_form form, zb_cmp cmp,
                int direction, int percent_unit, const zb_tolerance *tol);

#endif
