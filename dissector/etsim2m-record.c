/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The trace records of M2M Bench (docs/wireshark.md, "Record format"):
 *     "M2MB" | version (1) | type (1) | flags (2) | TLV...   TLV = tag (2) | length (2) | value
 * carried as exported PDUs naming the dissector "etsim2m_record". */
#include "etsim2m-int.h"

#include <epan/tap.h>

#include <string.h>

#define HEADER_LEN 8
#define MAX_NESTING 2

enum {
    TAG_SEQ = 0x01,
    TAG_TIME_NS,
    TAG_TESTCASE,
    TAG_PHASE,
    TAG_VERDICT,
    TAG_TEXT,
    TAG_SUMMARY,
    TAG_RELATES_SEQ,
    TAG_RELATES_FRAME,
    TAG_SOURCE,
    TAG_RELATES_LIVE_FRAME,
    TAG_BENCH = 0x10,
    TAG_TARGET,
    TAG_STARTED,
    TAG_MID_BASE,
    TAG_KEYS_SHOWN,
    TAG_LIVE_CAPTURE,
    TAG_RUN_ID,
    TAG_ENDPOINT,
    TAG_KEY_ID = 0x20,
    TAG_KEY_NAME,
    TAG_FORMULA_ID,
    TAG_FORMULA,
    TAG_LABEL,
    TAG_INPUT,
    TAG_OUTPUT,
    TAG_PARENT,
    TAG_KV_NAME = 0x30,
    TAG_KV_FLAGS,
    TAG_KV_LENGTH,
    TAG_KV_VALUE
};

const value_string etsim2m_verdict_vals[] = {{0, "none"}, {1, "pass"},  {2, "inconc"},
                                             {3, "fail"}, {4, "error"}, {0, NULL}};

const value_string etsim2m_record_type_vals[] = {{ETSIM2M_REC_RUN, "Run"},
                                                 {ETSIM2M_REC_TC_START, "Test case start"},
                                                 {ETSIM2M_REC_TC_END, "Test case end"},
                                                 {ETSIM2M_REC_CHECK, "Check"},
                                                 {ETSIM2M_REC_LOG, "Log"},
                                                 {ETSIM2M_REC_KEY, "Key derivation"},
                                                 {ETSIM2M_REC_PHASE, "Phase"},
                                                 {0, NULL}};

static int hf_rec_version = -1, hf_rec_type = -1, hf_rec_flags = -1, hf_rec_seq = -1,
           hf_rec_time = -1, hf_verdict = -1, hf_tc_verdict = -1, hf_rec_text = -1,
           hf_rec_summary = -1, hf_rec_relates_seq = -1, hf_rec_judged_frame = -1,
           hf_rec_live_frame = -1, hf_rec_source = -1, hf_rec_unknown = -1, hf_run_bench = -1,
           hf_run_target = -1, hf_run_started = -1, hf_run_mid_base = -1, hf_run_keys_shown = -1,
           hf_run_live_capture = -1, hf_run_id = -1, hf_run_endpoint = -1, hf_key_id = -1,
           hf_key_name = -1, hf_key_formula_id = -1, hf_key_formula = -1, hf_key_label = -1,
           hf_key_parent = -1, hf_key_input = -1, hf_key_output = -1, hf_kv_name = -1,
           hf_kv_flags = -1, hf_kv_secret = -1, hf_kv_text = -1, hf_kv_masked = -1,
           hf_kv_length = -1, hf_kv_value = -1;

/* What one record says, for the Info column, the tap and the run-time state. */
typedef struct {
    int type;
    int verdict;
    guint32 judged_frame;
    const char *testcase, *phase, *text, *summary, *source, *key_name, *formula_id, *target;
    const char *bench;
    gboolean masked;
} record_view;

static const char *string_at(tvbuff_t *tvb, gint off, gint len) {
    return (const char *)tvb_get_string_enc(wmem_packet_scope(), tvb, off, len, ENC_UTF_8);
}

/* Adds a fixed-size integer TLV; a wrong size is malformed (never read past the value). */
static gboolean add_number(proto_tree *tree, int hf, tvbuff_t *tvb, gint off, gint len, gint want,
                           packet_info *pinfo, proto_item *ti) {
    if (len != want) {
        expert_add_info_format(pinfo, ti, &ei_etsim2m_record_malformed,
                               "Field of %d octets where %d are expected", len, want);
        return FALSE;
    }
    proto_tree_add_item(tree, hf, tvb, off, len, ENC_BIG_ENDIAN);
    return TRUE;
}

static void add_ns_time(proto_tree *tree, int hf, tvbuff_t *tvb, gint off, gint len,
                        packet_info *pinfo, proto_item *ti) {
    nstime_t t;
    guint64 ns;
    if (len != 8) {
        expert_add_info(pinfo, ti, &ei_etsim2m_record_malformed);
        return;
    }
    ns = tvb_get_ntoh64(tvb, off);
    t.secs = (time_t)(ns / 1000000000);
    t.nsecs = (int)(ns % 1000000000);
    proto_tree_add_time(tree, hf, tvb, off, len, &t);
}

/* An INPUT or OUTPUT of a key record: nested TLVs. */
static void dissect_key_value(tvbuff_t *tvb, gint off, gint end, packet_info *pinfo,
                              proto_tree *tree, proto_item *item, record_view *v) {
    static int *const flag_bits[] = {&hf_kv_secret, &hf_kv_text, &hf_kv_masked, NULL};
    while (off + 4 <= end) {
        guint16 tag = tvb_get_ntohs(tvb, off);
        gint len = tvb_get_ntohs(tvb, off + 2);
        gint val = off + 4;
        if (val + len > end) {
            expert_add_info(pinfo, item, &ei_etsim2m_record_malformed);
            return;
        }
        switch (tag) {
        case TAG_KV_NAME:
            proto_tree_add_item(tree, hf_kv_name, tvb, val, len, ENC_UTF_8);
            proto_item_append_text(item, " %s", string_at(tvb, val, len));
            break;
        case TAG_KV_FLAGS:
            if (len == 1) {
                proto_tree_add_bitmask(tree, tvb, val, hf_kv_flags, ett_etsim2m_key_value,
                                       flag_bits, ENC_NA);
                if (tvb_get_guint8(tvb, val) & 0x04) {
                    v->masked = TRUE;
                    proto_item_append_text(item, " [masked]");
                }
            } else {
                expert_add_info(pinfo, item, &ei_etsim2m_record_malformed);
            }
            break;
        case TAG_KV_LENGTH: add_number(tree, hf_kv_length, tvb, val, len, 4, pinfo, item); break;
        case TAG_KV_VALUE: proto_tree_add_item(tree, hf_kv_value, tvb, val, len, ENC_NA); break;
        default: proto_tree_add_item(tree, hf_rec_unknown, tvb, off, len + 4, ENC_NA); break;
        }
        off = val + len;
    }
    if (off != end)
        expert_add_info(pinfo, item, &ei_etsim2m_record_malformed);
}

/* The tags of a run record. */
static void dissect_run_tlv(guint16 tag, tvbuff_t *tvb, gint val, gint len, packet_info *pinfo,
                            proto_tree *tree, proto_item *ti, record_view *v) {
    switch (tag) {
    case TAG_BENCH:
        proto_tree_add_item(tree, hf_run_bench, tvb, val, len, ENC_UTF_8);
        v->bench = string_at(tvb, val, len);
        break;
    case TAG_TARGET:
        proto_tree_add_item(tree, hf_run_target, tvb, val, len, ENC_UTF_8);
        v->target = string_at(tvb, val, len);
        break;
    case TAG_STARTED: add_ns_time(tree, hf_run_started, tvb, val, len, pinfo, ti); break;
    case TAG_MID_BASE:
        proto_tree_add_item(tree, hf_run_mid_base, tvb, val, len, ENC_UTF_8);
        if (!pinfo->fd->visited)
            etsim2m_learn_mid_path(string_at(tvb, val, len));
        break;
    case TAG_KEYS_SHOWN: add_number(tree, hf_run_keys_shown, tvb, val, len, 1, pinfo, ti); break;
    case TAG_LIVE_CAPTURE:
        proto_tree_add_item(tree, hf_run_live_capture, tvb, val, len, ENC_UTF_8);
        break;
    case TAG_RUN_ID: add_number(tree, hf_run_id, tvb, val, len, 8, pinfo, ti); break;
    case TAG_ENDPOINT: proto_tree_add_item(tree, hf_run_endpoint, tvb, val, len, ENC_UTF_8); break;
    default: proto_tree_add_item(tree, hf_rec_unknown, tvb, val - 4, len + 4, ENC_NA); break;
    }
}

/* The tags of a key derivation record. */
static void dissect_key_tlv(guint16 tag, tvbuff_t *tvb, gint val, gint len, packet_info *pinfo,
                            proto_tree *tree, record_view *v) {
    proto_item *item;
    switch (tag) {
    case TAG_KEY_ID: proto_tree_add_item(tree, hf_key_id, tvb, val, len, ENC_UTF_8); break;
    case TAG_KEY_NAME:
        proto_tree_add_item(tree, hf_key_name, tvb, val, len, ENC_UTF_8);
        v->key_name = string_at(tvb, val, len);
        break;
    case TAG_FORMULA_ID:
        proto_tree_add_item(tree, hf_key_formula_id, tvb, val, len, ENC_UTF_8);
        v->formula_id = string_at(tvb, val, len);
        break;
    case TAG_FORMULA: proto_tree_add_item(tree, hf_key_formula, tvb, val, len, ENC_UTF_8); break;
    case TAG_LABEL: proto_tree_add_item(tree, hf_key_label, tvb, val, len, ENC_UTF_8); break;
    case TAG_PARENT: proto_tree_add_item(tree, hf_key_parent, tvb, val, len, ENC_UTF_8); break;
    case TAG_INPUT:
    case TAG_OUTPUT:
        item = proto_tree_add_item(tree, tag == TAG_INPUT ? hf_key_input : hf_key_output, tvb, val,
                                   len, ENC_NA);
        dissect_key_value(tvb, val, val + len, pinfo,
                          proto_item_add_subtree(item, ett_etsim2m_key_value), item, v);
        break;
    default: proto_tree_add_item(tree, hf_rec_unknown, tvb, val - 4, len + 4, ENC_NA); break;
    }
}

static void dissect_tlv(guint16 tag, tvbuff_t *tvb, gint val, gint len, packet_info *pinfo,
                        proto_tree *tree, proto_item *ti, record_view *v) {
    if (tag >= TAG_KEY_ID) {
        dissect_key_tlv(tag, tvb, val, len, pinfo, tree, v);
        return;
    }
    if (tag >= TAG_BENCH) {
        dissect_run_tlv(tag, tvb, val, len, pinfo, tree, ti, v);
        return;
    }
    switch (tag) {
    case TAG_SEQ: add_number(tree, hf_rec_seq, tvb, val, len, 8, pinfo, ti); break;
    case TAG_TIME_NS: add_ns_time(tree, hf_rec_time, tvb, val, len, pinfo, ti); break;
    case TAG_TESTCASE:
        proto_tree_add_item(tree, hf_etsim2m_testcase, tvb, val, len, ENC_UTF_8);
        v->testcase = string_at(tvb, val, len);
        break;
    case TAG_PHASE:
        proto_tree_add_item(tree, hf_etsim2m_phase, tvb, val, len, ENC_UTF_8);
        v->phase = string_at(tvb, val, len);
        break;
    case TAG_VERDICT:
        if (add_number(tree, v->type == ETSIM2M_REC_TC_END ? hf_tc_verdict : hf_verdict, tvb, val,
                       len, 1, pinfo, ti))
            v->verdict = tvb_get_guint8(tvb, val);
        break;
    case TAG_TEXT:
        proto_tree_add_item(tree, hf_rec_text, tvb, val, len, ENC_UTF_8);
        v->text = string_at(tvb, val, len);
        break;
    case TAG_SUMMARY:
        proto_tree_add_item(tree, hf_rec_summary, tvb, val, len, ENC_UTF_8);
        v->summary = string_at(tvb, val, len);
        break;
    case TAG_RELATES_SEQ: add_number(tree, hf_rec_relates_seq, tvb, val, len, 8, pinfo, ti); break;
    case TAG_RELATES_FRAME:
        if (len == 4) {
            v->judged_frame = tvb_get_ntohl(tvb, val);
            proto_tree_add_uint(tree, hf_rec_judged_frame, tvb, val, len, v->judged_frame);
        } else {
            expert_add_info(pinfo, ti, &ei_etsim2m_record_malformed);
        }
        break;
    case TAG_RELATES_LIVE_FRAME:
        add_number(tree, hf_rec_live_frame, tvb, val, len, 4, pinfo, ti);
        break;
    case TAG_SOURCE:
        proto_tree_add_item(tree, hf_rec_source, tvb, val, len, ENC_UTF_8);
        v->source = string_at(tvb, val, len);
        break;
    default: proto_tree_add_item(tree, hf_rec_unknown, tvb, val - 4, len + 4, ENC_NA); break;
    }
}

static void set_info(packet_info *pinfo, const record_view *v) {
    const char *where =
        v->testcase
            ? (v->phase ? wmem_strdup_printf(wmem_packet_scope(), "[%s/%s] ", v->testcase, v->phase)
                        : wmem_strdup_printf(wmem_packet_scope(), "[%s] ", v->testcase))
            : "";
    const char *verdict = val_to_str_const((guint32)v->verdict, etsim2m_verdict_vals, "?");
    const char *what = v->text ? v->text : v->summary ? v->summary : "";
    col_clear(pinfo->cinfo, COL_INFO);
    switch (v->type) {
    case ETSIM2M_REC_RUN:
        col_add_fstr(pinfo->cinfo, COL_INFO, "Run: %s against %s", v->bench ? v->bench : "?",
                     v->target ? v->target : "?");
        break;
    case ETSIM2M_REC_TC_START:
        col_add_fstr(pinfo->cinfo, COL_INFO, "%sstart: %s", where, v->summary ? v->summary : "");
        break;
    case ETSIM2M_REC_PHASE:
        col_add_fstr(pinfo->cinfo, COL_INFO, "[%s] phase %s", v->testcase ? v->testcase : "?",
                     v->phase ? v->phase : "?");
        break;
    case ETSIM2M_REC_CHECK:
        col_add_fstr(pinfo->cinfo, COL_INFO, "%scheck %s: %s", where, verdict, what);
        if (v->judged_frame)
            col_append_fstr(pinfo->cinfo, COL_INFO, " (frame %u)", v->judged_frame);
        break;
    case ETSIM2M_REC_TC_END:
        col_add_fstr(pinfo->cinfo, COL_INFO, "%sverdict %s%s%s", where, verdict,
                     v->text && *v->text ? ": " : "", v->text ? v->text : "");
        break;
    case ETSIM2M_REC_KEY:
        col_add_fstr(pinfo->cinfo, COL_INFO, "%skey %s = %s(...)%s", where,
                     v->key_name ? v->key_name : "?", v->formula_id ? v->formula_id : "?",
                     v->masked ? " [value masked]" : "");
        break;
    default:
        col_add_fstr(pinfo->cinfo, COL_INFO, "%s%s%s%s", where, v->source ? v->source : "",
                     v->source ? ": " : "", what);
        break;
    }
}

static void record_effects(packet_info *pinfo, proto_item *ti, const record_view *v) {
    etsim2m_tap_info *t;
    if (v->type == ETSIM2M_REC_TC_START || v->type == ETSIM2M_REC_PHASE)
        etsim2m_set_current_test(pinfo, v->testcase, v->phase);
    else if (v->type == ETSIM2M_REC_TC_END)
        etsim2m_set_current_test(pinfo, NULL, NULL);
    if (v->type == ETSIM2M_REC_CHECK && (v->verdict == 3 || v->verdict == 4))
        expert_add_info_format(pinfo, ti, &ei_etsim2m_check_failed, "Check %s: %s",
                               val_to_str_const((guint32)v->verdict, etsim2m_verdict_vals, "?"),
                               v->text ? v->text : "");
    else if (v->type == ETSIM2M_REC_CHECK && v->verdict == 2)
        expert_add_info_format(pinfo, ti, &ei_etsim2m_check_inconc, "Check inconclusive: %s",
                               v->text ? v->text : "");
    if (!have_tap_listener(etsim2m_tap))
        return;
    t = etsim2m_new_tap_info();
    t->is_record = TRUE;
    t->record_type = v->type;
    t->verdict = v->verdict;
    tap_queue_packet(etsim2m_tap, pinfo, t);
}

int etsim2m_dissect_record(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_) {
    gint len = (gint)tvb_captured_length(tvb), off = HEADER_LEN;
    proto_item *ti;
    proto_tree *rt;
    record_view v;
    if (len < HEADER_LEN || tvb_memeql(tvb, 0, (const guint8 *)"M2MB", 4) != 0)
        return 0;
    memset(&v, 0, sizeof v);
    v.verdict = -1;
    v.type = tvb_get_guint8(tvb, 5);
    col_set_str(pinfo->cinfo, COL_PROTOCOL, "M2M Bench");
    ti = proto_tree_add_item(tree, proto_etsim2m, tvb, 0, -1, ENC_NA);
    proto_item_append_text(ti, ", %s record",
                           val_to_str_const((guint32)v.type, etsim2m_record_type_vals, "unknown"));
    rt = proto_item_add_subtree(ti, ett_etsim2m_record);
    proto_tree_add_item(rt, hf_rec_version, tvb, 4, 1, ENC_NA);
    proto_tree_add_item(rt, hf_rec_type, tvb, 5, 1, ENC_NA);
    proto_tree_add_item(rt, hf_rec_flags, tvb, 6, 2, ENC_BIG_ENDIAN);
    if (tvb_get_guint8(tvb, 4) != 1) {
        expert_add_info_format(pinfo, ti, &ei_etsim2m_record_malformed,
                               "Record version %u is not 1", tvb_get_guint8(tvb, 4));
        return len;
    }
    while (off + 4 <= len) {
        guint16 tag = tvb_get_ntohs(tvb, off);
        gint tlen = tvb_get_ntohs(tvb, off + 2);
        if (off + 4 + tlen > len) {
            expert_add_info_format(pinfo, ti, &ei_etsim2m_record_malformed,
                                   "Field 0x%02x overruns the record", tag);
            off = len;
            break;
        }
        dissect_tlv(tag, tvb, off + 4, tlen, pinfo, rt, ti, &v);
        off += 4 + tlen;
    }
    if (off != len)
        expert_add_info_format(pinfo, ti, &ei_etsim2m_record_malformed,
                               "%d octets left over after the last field", len - off);
    set_info(pinfo, &v);
    record_effects(pinfo, ti, &v);
    return len;
}

void etsim2m_register_record_fields(void) {
    static hf_register_info hf[] = {
        {&hf_rec_version,
         {"Record version", "etsim2m.record.version", FT_UINT8, BASE_DEC, NULL, 0, NULL, HFILL}},
        {&hf_rec_type,
         {"Record type", "etsim2m.record.type", FT_UINT8, BASE_DEC, VALS(etsim2m_record_type_vals),
          0, NULL, HFILL}},
        {&hf_rec_flags,
         {"Record flags", "etsim2m.record.flags", FT_UINT16, BASE_HEX, NULL, 0, NULL, HFILL}},
        {&hf_rec_seq,
         {"Trace event", "etsim2m.record.seq", FT_UINT64, BASE_DEC, NULL, 0,
          "Sequence number in the run's trace", HFILL}},
        {&hf_rec_time,
         {"Time in run", "etsim2m.record.time", FT_RELATIVE_TIME, BASE_NONE, NULL, 0,
          "Time since the run began", HFILL}},
        {&hf_verdict,
         {"Check verdict", "etsim2m.verdict", FT_UINT8, BASE_DEC, VALS(etsim2m_verdict_vals), 0,
          "Verdict of a check: none, pass, inconc, fail, error", HFILL}},
        {&hf_tc_verdict,
         {"Test case verdict", "etsim2m.tc_verdict", FT_UINT8, BASE_DEC, VALS(etsim2m_verdict_vals),
          0, "Final verdict of a test case", HFILL}},
        {&hf_rec_text,
         {"Text", "etsim2m.record.text", FT_STRING, BASE_NONE, NULL, 0,
          "What the check found, or a log line", HFILL}},
        {&hf_rec_summary,
         {"Summary", "etsim2m.record.summary", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_rec_relates_seq,
         {"Judged event", "etsim2m.record.relates_seq", FT_UINT64, BASE_DEC, NULL, 0,
          "Trace event the check judged", HFILL}},
        {&hf_rec_judged_frame,
         {"Judged frame", "etsim2m.record.judged_frame", FT_FRAMENUM, BASE_NONE, NULL, 0,
          "Frame of the message the check judged", HFILL}},
        {&hf_rec_live_frame,
         {"Frame in the live capture", "etsim2m.record.live_frame", FT_UINT32, BASE_DEC, NULL, 0,
          "Frame of the judged message in the run's live capture", HFILL}},
        {&hf_rec_source,
         {"Source", "etsim2m.record.source", FT_STRING, BASE_NONE, NULL, 0,
          "Lifeline or component that recorded it", HFILL}},
        {&hf_rec_unknown,
         {"Unknown field", "etsim2m.record.unknown", FT_BYTES, BASE_NONE, NULL, 0,
          "A field this version does not know (skipped)", HFILL}},
        {&hf_run_bench, {"Bench", "etsim2m.run.bench", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_run_target,
         {"Target", "etsim2m.run.target", FT_STRING, BASE_NONE, NULL, 0, "What was tested", HFILL}},
        {&hf_run_started,
         {"Started", "etsim2m.run.started", FT_ABSOLUTE_TIME, ABSOLUTE_TIME_UTC, NULL, 0, NULL,
          HFILL}},
        {&hf_run_mid_base,
         {"sclBase path", "etsim2m.run.mid_base", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_run_keys_shown,
         {"Key values kept", "etsim2m.run.keys_shown", FT_UINT8, BASE_DEC, NULL, 0, NULL, HFILL}},
        {&hf_run_live_capture,
         {"Live capture", "etsim2m.run.live_capture", FT_STRING, BASE_NONE, NULL, 0,
          "File name of the run's live pcapng", HFILL}},
        {&hf_run_id,
         {"Run id", "etsim2m.run.id", FT_UINT64, BASE_DEC, NULL, 0,
          "The run's number in the bench's journal", HFILL}},
        {&hf_run_endpoint,
         {"SUT endpoint", "etsim2m.run.endpoint", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_key_id, {"Key record", "etsim2m.key.id", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_key_name, {"Key", "etsim2m.key.name", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_key_formula_id,
         {"Formula id", "etsim2m.key.formula_id", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_key_formula,
         {"Formula", "etsim2m.key.formula", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_key_label, {"Label", "etsim2m.key.label", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_key_parent,
         {"Derived from", "etsim2m.key.parent", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_key_input, {"Input", "etsim2m.key.input", FT_NONE, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_key_output,
         {"Output", "etsim2m.key.output", FT_NONE, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_kv_name,
         {"Name", "etsim2m.key.value.name", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_kv_flags,
         {"Flags", "etsim2m.key.value.flags", FT_UINT8, BASE_HEX, NULL, 0, NULL, HFILL}},
        {&hf_kv_secret,
         {"Secret", "etsim2m.key.value.secret", FT_BOOLEAN, 8, NULL, 0x01, NULL, HFILL}},
        {&hf_kv_text, {"Text", "etsim2m.key.value.text", FT_BOOLEAN, 8, NULL, 0x02, NULL, HFILL}},
        {&hf_kv_masked,
         {"Masked", "etsim2m.key.value.masked", FT_BOOLEAN, 8, NULL, 0x04,
          "The bench left the value out", HFILL}},
        {&hf_kv_length,
         {"Length", "etsim2m.key.value.length", FT_UINT32, BASE_DEC, NULL, 0, NULL, HFILL}},
        {&hf_kv_value,
         {"Value", "etsim2m.key.value.bytes", FT_BYTES, BASE_NONE, NULL, 0, NULL, HFILL}},
    };
    proto_register_field_array(proto_etsim2m, hf, array_length(hf));
}
