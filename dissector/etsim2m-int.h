/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Internal declarations shared by the files of the etsim2m dissector. */
#ifndef ETSIM2M_INT_H
#define ETSIM2M_INT_H

#include <epan/expert.h>
#include <epan/packet.h>

#include "etsim2m-schema.h"

/* mId primitives (TS 102 921) */
enum {
    ETSIM2M_PRIM_NONE = 0,
    ETSIM2M_PRIM_CREATE,
    ETSIM2M_PRIM_RETRIEVE,
    ETSIM2M_PRIM_UPDATE,
    ETSIM2M_PRIM_DELETE,
    ETSIM2M_PRIM_NOTIFY
};

enum { ETSIM2M_BINDING_HTTP = 1, ETSIM2M_BINDING_COAP = 2 };

/* Record types of the bench's trace records (docs/wireshark.md) */
enum {
    ETSIM2M_REC_RUN = 1,
    ETSIM2M_REC_TC_START,
    ETSIM2M_REC_TC_END,
    ETSIM2M_REC_CHECK,
    ETSIM2M_REC_LOG,
    ETSIM2M_REC_KEY,
    ETSIM2M_REC_PHASE
};

extern const value_string etsim2m_primitive_vals[];
extern const value_string etsim2m_verdict_vals[];
extern const value_string etsim2m_record_type_vals[];

/* One HTTP or CoAP message as the other dissectors left it in the tree. */
typedef struct {
    int binding;
    int is_request;     /* 1 request, 0 response */
    const char *method; /* HTTP method */
    const char *uri;    /* HTTP request URI, or the CoAP Uri-Path */
    const char *query;  /* CoAP Uri-Query options joined with '&' */
    const char *authorization;
    const char *content_type;
    guint status;        /* HTTP status code, or CoAP code as class*100+detail */
    guint coap_code;     /* the raw CoAP code octet */
    const guint8 *token; /* CoAP token */
    guint token_len;
    tvbuff_t *msg_tvb; /* where the message lies, for tree items */
    gint msg_off, msg_len;
    tvbuff_t *body_tvb; /* the body (de-chunked when HTTP did so) */
    gint body_off, body_len;
} etsim2m_msg;

/* What the first pass learned about a message, kept for later passes. */
typedef struct {
    guint8 primitive;
    guint8 is_mid;
    guint8 matched;
    const char *resource_type; /* file scope */
    const char *target;        /* file scope */
    guint32 request_frame;
    guint32 response_frame;
    nstime_t request_time;
    const char *testcase; /* from the bench's records, when the capture has them */
    const char *phase;
} etsim2m_msg_state;

/* What the statistics tree is told about each message and record (packet scope). */
typedef struct {
    gboolean is_record;
    int primitive;
    gboolean is_request;
    const char *resource_type;
    const char *status;
    const char *requesting_entity;
    const char *conversation;
    double response_ms; /* < 0 when unknown */
    int record_type;
    int verdict; /* -1 when none */
} etsim2m_tap_info;

/* Protocol, fields and trees (packet-etsim2m.c) */
extern int proto_etsim2m;
extern int etsim2m_tap;
extern int hf_etsim2m_binding, hf_etsim2m_primitive, hf_etsim2m_target, hf_etsim2m_resource_type,
    hf_etsim2m_requesting_entity, hf_etsim2m_status, hf_etsim2m_status_source, hf_etsim2m_time,
    hf_etsim2m_request_in, hf_etsim2m_response_in, hf_etsim2m_root, hf_etsim2m_namespace,
    hf_etsim2m_body_length, hf_etsim2m_content_size, hf_etsim2m_element, hf_etsim2m_attribute,
    hf_etsim2m_masked, hf_etsim2m_testcase, hf_etsim2m_phase, hf_etsim2m_params;
extern int ett_etsim2m, ett_etsim2m_body, ett_etsim2m_element, ett_etsim2m_record,
    ett_etsim2m_key_value;
extern int *etsim2m_schema_hf;  /* by schema field index */
extern int *etsim2m_schema_ett; /* by schema field index */
extern expert_field ei_etsim2m_xml_malformed, ei_etsim2m_xml_limit, ei_etsim2m_namespace,
    ei_etsim2m_mandatory, ei_etsim2m_error_info_status, ei_etsim2m_status_not_allowed,
    ei_etsim2m_status_unknown, ei_etsim2m_unknown_element, ei_etsim2m_bad_value, ei_etsim2m_doctype,
    ei_etsim2m_no_request, ei_etsim2m_record_malformed, ei_etsim2m_check_failed,
    ei_etsim2m_check_inconc, ei_etsim2m_key_shown;

/* Preferences */
extern gboolean etsim2m_pref_show_keys;
extern gboolean etsim2m_pref_all_http;
extern guint etsim2m_pref_max_body;
extern guint etsim2m_pref_pana_vendor;
extern guint etsim2m_pref_pana_avp;
extern gint etsim2m_pref_status_410;
extern const char *etsim2m_pref_mid_paths;

/* Whether anyone will see the decoded body: a visible tree, a filter or column on etsim2m or
 * expert fields, or an expert tap. Otherwise a body is only peeked at (root, errorInfo). */
gboolean etsim2m_want_details(proto_tree *tree);

/* Run-time knowledge (reset for each capture file) */
gboolean etsim2m_is_mid_path(const char *path);
void etsim2m_learn_mid_path(const char *path);
void etsim2m_set_current_test(packet_info *pinfo, const char *testcase, const char *phase);
void etsim2m_current_test(const char **testcase, const char **phase);
void etsim2m_runtime_reset(void);
void etsim2m_runtime_cleanup(void);

/* Schema lookup (etsim2m-body.c) */
void etsim2m_schema_init(void);
void etsim2m_schema_cleanup(void);
int etsim2m_schema_field_index(const guint8 *name, guint len);
const etsim2m_schema_root *etsim2m_schema_root_of(int field_index);

/* Bodies (etsim2m-body.c): the decoded representation and its checks */
typedef struct {
    gboolean is_xml;
    gboolean in_m2m_ns;
    const char *root;        /* packet scope, NULL when no root element */
    const char *status_code; /* errorInfo/notify statusCode text, NULL when none */
    gboolean is_error_info;
} etsim2m_body_info;
gboolean etsim2m_body_looks_like_mid(tvbuff_t *tvb, gint off, gint len);
/* The root element's name (packet scope) and whether it is in the m2m namespace; NULL when the
 * body is not XML. Reads only the first start tag. */
const char *etsim2m_body_root(tvbuff_t *tvb, gint off, gint len, gboolean *in_m2m_ns);
void etsim2m_dissect_body(tvbuff_t *tvb, gint off, gint len, packet_info *pinfo, proto_tree *tree,
                          proto_item *anchor, etsim2m_body_info *info, gboolean details);

/* mId messages (etsim2m-mid.c) */
void etsim2m_dissect_mid(etsim2m_msg *msg, guint index, packet_info *pinfo, proto_tree *tree,
                         wmem_strbuf_t *info_text);
const char *etsim2m_status_name(guint status, int binding);
int etsim2m_primitive_of_method(const char *method, int binding);
const char *etsim2m_resource_type_of(const char *path, int primitive, const char *body_root);

/* PANA bootstrap parameters (etsim2m-body.c) */
void etsim2m_dissect_param_avp(tvbuff_t *tvb, gint off, gint len, packet_info *pinfo,
                               proto_tree *tree);

/* Records (etsim2m-record.c) */
void etsim2m_register_record_fields(void);
int etsim2m_dissect_record(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data);

/* Statistics (etsim2m-stats.c) */
void etsim2m_register_stats(void);
etsim2m_tap_info *etsim2m_new_tap_info(void);

#endif /* ETSIM2M_INT_H */
