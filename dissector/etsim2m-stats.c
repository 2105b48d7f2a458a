/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Statistics → ETSI M2M (tshark -z etsim2m,tree): mId messages by primitive and resource type,
 * by status, by requesting entity and by conversation, response times, and the bench's checks
 * and test cases by verdict. */
#include "etsim2m-int.h"

#include <epan/stats_tree.h>

static int st_messages = -1, st_requests = -1, st_status = -1, st_entities = -1,
           st_conversations = -1, st_records = -1, st_checks = -1, st_testcases = -1;

static const char *const node_messages = "mId messages";
static const char *const node_records = "M2M Bench records";
static const char *const node_time = "Response time (us)";
static const char *const node_requests = "Requests by primitive and resource type";

etsim2m_tap_info *etsim2m_new_tap_info(void) {
    etsim2m_tap_info *t = wmem_new0(wmem_packet_scope(), etsim2m_tap_info);
    t->response_ms = -1;
    t->verdict = -1;
    return t;
}

static void stats_init(stats_tree *st) {
    st_messages = stats_tree_create_node(st, node_messages, 0, STAT_DT_INT, TRUE);
    st_requests = stats_tree_create_node(st, node_requests, st_messages, STAT_DT_INT, TRUE);
    st_status = stats_tree_create_pivot(st, "Responses by status", st_messages);
    st_entities = stats_tree_create_pivot(st, "Requests by requesting entity", st_messages);
    st_conversations = stats_tree_create_pivot(st, "Requests by conversation", st_messages);
    stats_tree_create_range_node(st, node_time, st_messages, "0-99", "100-999", "1000-9999",
                                 "10000-99999", "100000-999999", "1000000-", NULL);
    st_records = stats_tree_create_node(st, node_records, 0, STAT_DT_INT, TRUE);
    st_checks = stats_tree_create_pivot(st, "Checks by verdict", st_records);
    st_testcases = stats_tree_create_pivot(st, "Test cases by verdict", st_records);
}

static tap_packet_status stats_packet(stats_tree *st, packet_info *pinfo _U_,
                                      epan_dissect_t *edt _U_, const void *p,
                                      tap_flags_t flags _U_) {
    const etsim2m_tap_info *t = (const etsim2m_tap_info *)p;
    const char *verdict;
    if (!t)
        return TAP_PACKET_DONT_REDRAW;
    if (t->is_record) {
        tick_stat_node(st, node_records, 0, TRUE);
        verdict = val_to_str_const((guint32)t->verdict, etsim2m_verdict_vals, "none");
        if (t->record_type == ETSIM2M_REC_CHECK)
            stats_tree_tick_pivot(st, st_checks, verdict);
        else if (t->record_type == ETSIM2M_REC_TC_END)
            stats_tree_tick_pivot(st, st_testcases, verdict);
        return TAP_PACKET_REDRAW;
    }
    tick_stat_node(st, node_messages, 0, TRUE);
    if (t->is_request) {
        const char *prim = val_to_str_const((guint32)t->primitive, etsim2m_primitive_vals, "other");
        int prim_node;
        tick_stat_node(st, node_requests, st_messages, TRUE);
        prim_node = tick_stat_node(st, prim, st_requests, TRUE);
        tick_stat_node(st, t->resource_type ? t->resource_type : "unknown", prim_node, FALSE);
        stats_tree_tick_pivot(st, st_entities,
                              t->requesting_entity ? t->requesting_entity : "(none)");
        if (t->conversation)
            stats_tree_tick_pivot(st, st_conversations, t->conversation);
    } else {
        stats_tree_tick_pivot(st, st_status, t->status ? t->status : "(not an mId status)");
        if (t->response_ms >= 0)
            stats_tree_tick_range(st, node_time, st_messages, (int)(t->response_ms * 1000 + 0.5));
    }
    return TAP_PACKET_REDRAW;
}

void etsim2m_register_stats(void) {
    stats_tree_register_plugin("etsim2m", "etsim2m", "ETSI M2M/mId and M2M Bench", 0, stats_packet,
                               stats_init, NULL);
}
