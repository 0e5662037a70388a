#include "zb_notes.h"

#include <stdlib.h>
#include <string.h>

#include "zb_lang.h"

void zb_notes_init(zb_notes *ns) { memset(ns, 0, sizeof *ns); }

void zb_notes_free(zb_notes *ns)
{
    for (size_t i = 0; i < ns->n; i++) {
        free(ns->items[i].reason);
        free(ns->items[i].names);
    }
    free(ns->items);
    memset(ns, 0, sizeof *ns);
}

static int append(zb_note *g, const char *s)
{
    size_t n = strlen(s);
    if (g->len + n + 1 > g->cap) {
        size_t cap = (g->cap ? g->cap * 2 : 64) + n;
        char *p = realloc(g->names, cap);
        if (!p)
            return -1;
        g->names = p;
        g->cap = cap;
    }
    memcpy(g->names + g->len, s, n + 1);
    g->len += n;
    return 0;
}

int zb_notes_add(zb_notes *ns, const char *reason, const char *name)
{
    zb_note *g = NULL;
    for (size_t i = 0; i < ns->n && !g; i++)
        if (strcmp(ns->items[i].reason, reason) == 0)
            g = &ns->items[i];
    if (!g) {
        if (ns->n == ns->cap) {
            size_t cap = ns->cap ? ns->cap * 2 : 8;
            zb_note *items = realloc(ns->items, cap * sizeof *items);
            if (!items)
                return -1;
            ns->items = items;
            ns->cap = cap;
        }
        g = &ns->items[ns->n];
        memset(g, 0, sizeof *g);
        g->reason = strdup(reason);
        if (!g->reason)
            return -1;
        ns->n++;
    }
    if ((g->count && append(g, ZB_T("、", ", ")) != 0) || append(g, name) != 0)
        return -1;
    g->count++;
    return 0;
}

void zb_notes_print(const zb_notes *ns, FILE *out)
{
    for (size_t i = 0; i < ns->n; i++) {
        const zb_note *g = &ns->items[i];
        if (g->count == 1)
            fprintf(out, ZB_T("  %s：%s\n", "  %s: %s\n"), g->names, g->reason);
        else
            fprintf(out, ZB_T("  %s（%d 项）：%s\n", "  %s (%d): %s\n"), g->reason, g->count, g->names);
    }
}

size_t zb_notes_count(const zb_notes *ns)
{
    size_t n = 0;
    for (size_t i = 0; i < ns->n; i++)
        n += (size_t)ns->items[i].count;
    return n;
}
