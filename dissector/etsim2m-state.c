/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the etsim2m dissector learns while it reads a capture: the sclBase paths under which
 * requests are mId (the preference's, and those a bench run record names), and the test case
 * and phase the bench's records say are running. Reset for each capture file. */
#include "etsim2m-int.h"

#include <string.h>

static GPtrArray *mid_paths; /* of g_strdup'ed paths: the preference's and learned ones */
static char *current_testcase;
static char *current_phase;

static void add_mid_path(const char *path) {
    guint i;
    size_t n;
    if (!path)
        return;
    while (*path == ' ')
        path++;
    n = strlen(path);
    while (n > 1 && (path[n - 1] == '/' || path[n - 1] == ' '))
        n--;
    if (n == 0 || path[0] != '/' || mid_paths->len >= 64)
        return;
    for (i = 0; i < mid_paths->len; i++) {
        const char *p = (const char *)g_ptr_array_index(mid_paths, i);
        if (strlen(p) == n && strncmp(p, path, n) == 0)
            return;
    }
    g_ptr_array_add(mid_paths, g_strndup(path, n));
}

void etsim2m_learn_mid_path(const char *path) {
    add_mid_path(path);
}

gboolean etsim2m_is_mid_path(const char *path) {
    guint i;
    if (!path)
        return FALSE;
    if (strncmp(path, "http://", 7) == 0 || strncmp(path, "coap://", 7) == 0) {
        const char *slash = strchr(path + 7, '/'); /* absolute form: skip scheme and authority */
        if (!slash)
            return FALSE;
        path = slash;
    }
    for (i = 0; i < mid_paths->len; i++) {
        const char *p = (const char *)g_ptr_array_index(mid_paths, i);
        size_t n = strlen(p);
        if (strncmp(path, p, n) == 0 && (path[n] == '\0' || path[n] == '/' || path[n] == '?'))
            return TRUE;
    }
    return FALSE;
}

void etsim2m_set_current_test(packet_info *pinfo, const char *testcase, const char *phase) {
    if (pinfo->fd->visited)
        return; /* the first pass sees records in order; later passes read what it stored */
    g_free(current_testcase);
    g_free(current_phase);
    current_testcase = testcase ? g_strdup(testcase) : NULL;
    current_phase = phase ? g_strdup(phase) : NULL;
}

void etsim2m_current_test(const char **testcase, const char **phase) {
    *testcase = current_testcase;
    *phase = current_phase;
}

void etsim2m_runtime_reset(void) {
    gchar **parts;
    guint i;
    if (mid_paths)
        g_ptr_array_free(mid_paths, TRUE);
    mid_paths = g_ptr_array_new_with_free_func(g_free);
    parts = g_strsplit(etsim2m_pref_mid_paths ? etsim2m_pref_mid_paths : "", ",", 64);
    for (i = 0; parts[i]; i++)
        add_mid_path(parts[i]);
    g_strfreev(parts);
    g_free(current_testcase);
    g_free(current_phase);
    current_testcase = current_phase = NULL;
}

void etsim2m_runtime_cleanup(void) {
    g_free(current_testcase);
    g_free(current_phase);
    current_testcase = current_phase = NULL;
    if (mid_paths)
        g_ptr_array_free(mid_paths, TRUE);
    mid_paths = NULL;
}
