/* SPDX-License-Identifier: GPL-2.0-or-later */
/* packet-etsim2m.c
 * ETSI M2M mId (TS 102 921) over HTTP and CoAP, the bootstrap parameters of PANA, and the trace
 * records of M2M Bench.
 *
 * mId has no framing of its own: it is HTTP (or CoAP) with XML bodies in the m2m namespace. The
 * dissector therefore runs as a postdissector: HTTP, CoAP and PANA dissect as always, and this
 * file reads what they left in the tree (request line, status, Authorization, the body), so that
 * every mId message gets its primitive, target, requesting entity and status, also those
 * without a body (RETRIEVE, DELETE). The fields it reads are primed, so this works without a
 * visible tree; when the protocol is disabled nothing is primed and nothing costs.
 */
#include "etsim2m-int.h"

#include <epan/prefs.h>
#include <epan/proto_data.h>
#include <epan/tap.h>

#include <string.h>

#define MAX_MESSAGES_PER_FRAME 16
#define MAX_WALK_DEPTH 10

int proto_etsim2m = -1;
int etsim2m_tap = -1;

int hf_etsim2m_binding = -1;
int hf_etsim2m_primitive = -1;
int hf_etsim2m_target = -1;
int hf_etsim2m_resource_type = -1;
int hf_etsim2m_requesting_entity = -1;
int hf_etsim2m_status = -1;
int hf_etsim2m_status_source = -1;
int hf_etsim2m_time = -1;
int hf_etsim2m_request_in = -1;
int hf_etsim2m_response_in = -1;
int hf_etsim2m_root = -1;
int hf_etsim2m_namespace = -1;
int hf_etsim2m_body_length = -1;
int hf_etsim2m_content_size = -1;
int hf_etsim2m_element = -1;
int hf_etsim2m_attribute = -1;
int hf_etsim2m_masked = -1;
int hf_etsim2m_testcase = -1;
int hf_etsim2m_phase = -1;
int hf_etsim2m_params = -1;

int ett_etsim2m = -1;
int ett_etsim2m_body = -1;
int ett_etsim2m_element = -1;
int ett_etsim2m_record = -1;
int ett_etsim2m_key_value = -1;

int *etsim2m_schema_hf;
int *etsim2m_schema_ett;

expert_field ei_etsim2m_xml_malformed = EI_INIT;
expert_field ei_etsim2m_xml_limit = EI_INIT;
expert_field ei_etsim2m_namespace = EI_INIT;
expert_field ei_etsim2m_mandatory = EI_INIT;
expert_field ei_etsim2m_error_info_status = EI_INIT;
expert_field ei_etsim2m_status_not_allowed = EI_INIT;
expert_field ei_etsim2m_status_unknown = EI_INIT;
expert_field ei_etsim2m_unknown_element = EI_INIT;
expert_field ei_etsim2m_bad_value = EI_INIT;
expert_field ei_etsim2m_doctype = EI_INIT;
expert_field ei_etsim2m_no_request = EI_INIT;
expert_field ei_etsim2m_record_malformed = EI_INIT;
expert_field ei_etsim2m_check_failed = EI_INIT;
expert_field ei_etsim2m_check_inconc = EI_INIT;
expert_field ei_etsim2m_key_shown = EI_INIT;

gboolean etsim2m_pref_show_keys = FALSE;
gboolean etsim2m_pref_all_http = FALSE;
guint etsim2m_pref_max_body = 1024 * 1024;
guint etsim2m_pref_pana_vendor = 13019; /* ETSI, the bench's default profile */
guint etsim2m_pref_pana_avp = 0;        /* any AVP whose value is m2m XML; the profile uses 1001 */
gint etsim2m_pref_status_410 = 0;
const char *etsim2m_pref_mid_paths = "/m2m";

static dissector_handle_t etsim2m_post_handle;
static dissector_handle_t xml_handle;
static gboolean etsim2m_pref_xml_tree = FALSE;

/* What this dissector reads from the trees of other dissectors. */
enum {
    ROLE_HTTP = 1,
    ROLE_HTTP_METHOD,
    ROLE_HTTP_URI,
    ROLE_HTTP_CODE,
    ROLE_HTTP_AUTH,
    ROLE_HTTP_CTYPE,
    ROLE_HTTP_BODY,
    ROLE_HTTP_REQUEST,
    ROLE_HTTP_RESPONSE,
    ROLE_COAP,
    ROLE_COAP_CODE,
    ROLE_COAP_TOKEN,
    ROLE_COAP_PATH,
    ROLE_COAP_QUERY,
    ROLE_COAP_PROXY_URI,
    ROLE_COAP_PAYLOAD,
    ROLE_COAP_CTYPE,
    ROLE_PANA,
    ROLE_PANA_AVP_CODE,
    ROLE_PANA_AVP_LENGTH,
    ROLE_PANA_AVP_VENDOR,
    ROLE_PANA_AVP_BYTES,
    ROLE_PANA_AVP_STRING
};

static const struct {
    const char *abbrev;
    int role;
} wanted_fields[] = {
    {"http", ROLE_HTTP},
    {"http.request.method", ROLE_HTTP_METHOD},
    {"http.request.uri", ROLE_HTTP_URI},
    {"http.response.code", ROLE_HTTP_CODE},
    {"http.authorization", ROLE_HTTP_AUTH},
    {"http.content_type", ROLE_HTTP_CTYPE},
    {"http.file_data", ROLE_HTTP_BODY},
    {"http.request", ROLE_HTTP_REQUEST},
    {"http.response", ROLE_HTTP_RESPONSE},
    {"coap", ROLE_COAP},
    {"coap.code", ROLE_COAP_CODE},
    {"coap.token", ROLE_COAP_TOKEN},
    {"coap.opt.uri_path_recon", ROLE_COAP_PATH},
    {"coap.opt.uri_query", ROLE_COAP_QUERY},
    {"coap.opt.proxy_uri", ROLE_COAP_PROXY_URI},
    {"coap.payload", ROLE_COAP_PAYLOAD},
    {"coap.opt.ctype", ROLE_COAP_CTYPE},
    {"pana", ROLE_PANA},
    {"pana.avp.code", ROLE_PANA_AVP_CODE},
    {"pana.avp.data_length", ROLE_PANA_AVP_LENGTH},
    {"pana.avp.vendorid", ROLE_PANA_AVP_VENDOR},
    {"pana.avp.data.bytes", ROLE_PANA_AVP_BYTES},
    {"pana.avp.data.string", ROLE_PANA_AVP_STRING},
};

/* hf ids of those fields (every id sharing an abbreviation) and their roles */
#define MAX_WANTED 64
static int wanted_ids[MAX_WANTED];
static guint8 wanted_roles[MAX_WANTED];
static guint wanted_count;

const value_string etsim2m_primitive_vals[] = {
    {ETSIM2M_PRIM_CREATE, "CREATE"}, {ETSIM2M_PRIM_RETRIEVE, "RETRIEVE"},
    {ETSIM2M_PRIM_UPDATE, "UPDATE"}, {ETSIM2M_PRIM_DELETE, "DELETE"},
    {ETSIM2M_PRIM_NOTIFY, "NOTIFY"}, {0, NULL}};

static const value_string binding_vals[] = {
    {ETSIM2M_BINDING_HTTP, "HTTP"}, {ETSIM2M_BINDING_COAP, "CoAP"}, {0, NULL}};

static const enum_val_t status_410_vals[] = {
    {"deleted", "STATUS_DELETED", 0}, {"expired", "STATUS_EXPIRED", 1}, {NULL, NULL, 0}};

static int proto_ws_expert = -1;
static int expert_tap = -1;

gboolean etsim2m_want_details(proto_tree *tree) {
    if (!tree)
        return FALSE;
    return (PTREE_DATA(tree) && PTREE_DATA(tree)->visible) ||
           proto_field_is_referenced(tree, proto_etsim2m) ||
           (proto_ws_expert >= 0 && proto_field_is_referenced(tree, proto_ws_expert)) ||
           (expert_tap >= 0 && have_tap_listener(expert_tap));
}

/* ---- reading the other dissectors' trees ------------------------------------------------- */

static int role_of(const field_info *fi) {
    guint i;
    if (!fi || !fi->hfinfo)
        return 0;
    for (i = 0; i < wanted_count; i++) {
        if (wanted_ids[i] == fi->hfinfo->id)
            return wanted_roles[i];
    }
    return 0;
}

static const char *string_of(field_info *fi) {
    const char *s = fvalue_get_string(&fi->value);
    return s ? s : "";
}

static void append_query(etsim2m_msg *m, field_info *fi) {
    const char *q = string_of(fi);
    m->query = m->query ? wmem_strdup_printf(wmem_packet_scope(), "%s&%s", m->query, q)
                        : wmem_strdup(wmem_packet_scope(), q);
}

static void set_body(etsim2m_msg *m, field_info *fi) {
    if (!fi->ds_tvb || fi->length <= 0)
        return;
    m->body_tvb = fi->ds_tvb;
    m->body_off = fi->start;
    m->body_len = fi->length;
}

static void take_field(etsim2m_msg *m, field_info *fi, int role) {
    switch (role) {
    case ROLE_HTTP_METHOD:
        m->method = string_of(fi);
        m->is_request = 1;
        break;
    case ROLE_HTTP_URI: m->uri = string_of(fi); break;
    case ROLE_HTTP_CODE:
        m->status = fvalue_get_uinteger(&fi->value);
        m->is_request = 0;
        break;
    case ROLE_HTTP_AUTH: m->authorization = string_of(fi); break;
    case ROLE_HTTP_CTYPE:
    case ROLE_COAP_CTYPE: m->content_type = string_of(fi); break;
    case ROLE_HTTP_BODY:
    case ROLE_COAP_PAYLOAD: set_body(m, fi); break;
    case ROLE_HTTP_REQUEST: m->is_request = 1; break;
    case ROLE_HTTP_RESPONSE: m->is_request = 0; break;
    case ROLE_COAP_CODE:
        m->coap_code = fvalue_get_uinteger(&fi->value);
        m->is_request = m->coap_code >= 1 && m->coap_code <= 31;
        m->status = (m->coap_code >> 5) * 100 + (m->coap_code & 0x1f);
        break;
    case ROLE_COAP_TOKEN:
        if (fi->ds_tvb && fi->length > 0 && fi->length <= 8) {
            m->token = tvb_get_ptr(fi->ds_tvb, fi->start, fi->length);
            m->token_len = (guint)fi->length;
        }
        break;
    case ROLE_COAP_PATH: m->uri = string_of(fi); break;
    case ROLE_COAP_PROXY_URI:
        if (!m->uri)
            m->uri = string_of(fi);
        break;
    case ROLE_COAP_QUERY: append_query(m, fi); break;
    default: break;
    }
}

static void walk_message(proto_node *node, etsim2m_msg *m, int depth) {
    proto_node *child;
    for (child = node->first_child; child; child = child->next) {
        int role = role_of(PNODE_FINFO(child));
        if (role)
            take_field(m, PNODE_FINFO(child), role);
        if (depth < MAX_WALK_DEPTH && child->first_child)
            walk_message(child, m, depth + 1);
    }
}

/* PANA: the bootstrap parameters travel in a vendor AVP. Wireshark 4.0's PANA dissector shows
 * no value for vendor AVPs, so the value is found after the Vendor-Id field: the AVP's code and
 * data length come before it, in order, whether the tree nests them or not. */
typedef struct {
    guint code, length;
    int found;
} pana_walk;

static void try_param_avp(pana_walk *w, tvbuff_t *tvb, gint off, gint len, guint vendor,
                          packet_info *pinfo, proto_tree *tree) {
    gboolean configured = etsim2m_pref_pana_avp == 0 ||
                          (w->code == etsim2m_pref_pana_avp && vendor == etsim2m_pref_pana_vendor);
    if (!tvb || len <= 0 || tvb_captured_length_remaining(tvb, off) < len)
        return;
    if (configured && etsim2m_body_looks_like_mid(tvb, off, len)) {
        etsim2m_dissect_param_avp(tvb, off, len, pinfo, tree);
        w->found++;
    }
}

static void walk_pana(proto_node *node, pana_walk *w, packet_info *pinfo, proto_tree *tree,
                      int depth) {
    proto_node *child;
    for (child = node->first_child; child; child = child->next) {
        field_info *fi = PNODE_FINFO(child);
        int role = role_of(fi);
        if (role == ROLE_PANA_AVP_CODE) {
            w->code = fvalue_get_uinteger(&fi->value);
            w->length = 0;
        } else if (role == ROLE_PANA_AVP_LENGTH) {
            w->length = fvalue_get_uinteger(&fi->value);
        } else if (role == ROLE_PANA_AVP_VENDOR) {
            try_param_avp(w, fi->ds_tvb, fi->start + fi->length, (gint)w->length,
                          fvalue_get_uinteger(&fi->value), pinfo, tree);
        } else if (role == ROLE_PANA_AVP_BYTES || role == ROLE_PANA_AVP_STRING) {
            try_param_avp(w, fi->ds_tvb, fi->start, fi->length, 0, pinfo, tree);
        }
        if (depth < MAX_WALK_DEPTH && child->first_child)
            walk_pana(child, w, pinfo, tree, depth + 1);
    }
}

static int dissect_etsim2m_post(tvbuff_t *tvb _U_, packet_info *pinfo, proto_tree *tree,
                                void *data _U_) {
    etsim2m_msg msgs[MAX_MESSAGES_PER_FRAME];
    guint count = 0, i;
    proto_node *top;
    wmem_strbuf_t *info;
    pana_walk pana = {0, 0, 0};

    if (!tree)
        return 0;
    for (top = tree->first_child; top; top = top->next) {
        int role = role_of(PNODE_FINFO(top));
        if ((role == ROLE_HTTP || role == ROLE_COAP) && count < MAX_MESSAGES_PER_FRAME) {
            etsim2m_msg *m = &msgs[count];
            field_info *fi = PNODE_FINFO(top);
            memset(m, 0, sizeof *m);
            m->is_request = -1;
            m->binding = role == ROLE_HTTP ? ETSIM2M_BINDING_HTTP : ETSIM2M_BINDING_COAP;
            m->msg_tvb = fi->ds_tvb;
            m->msg_off = fi->start;
            m->msg_len = fi->length;
            walk_message(top, m, 0);
            if (m->is_request >= 0 && m->msg_tvb)
                count++;
        } else if (role == ROLE_PANA) {
            walk_pana(top, &pana, pinfo, tree, 0);
        }
    }
    if (count == 0)
        return pana.found ? 1 : 0;
    info = wmem_strbuf_new(wmem_packet_scope(), "");
    for (i = 0; i < count; i++)
        etsim2m_dissect_mid(&msgs[i], i, pinfo, tree, info);
    if (wmem_strbuf_get_len(info) > 0) {
        col_clear_fence(pinfo->cinfo, COL_PROTOCOL);
        col_set_str(pinfo->cinfo, COL_PROTOCOL, "mId");
        col_clear_fence(pinfo->cinfo, COL_INFO);
        col_add_str(pinfo->cinfo, COL_INFO, wmem_strbuf_get_str(info));
    }
    return 1;
}

/* Bodies in the m2m namespace are this dissector's: it decodes every element and attribute, so
 * the generic XML tree would say it twice (and cost a third of the dissection time). Other XML
 * goes to the XML dissector as before, and everything does when this protocol is disabled. The
 * handle belongs to no protocol so that disabling etsim2m does not disable XML bodies. */
static int dissect_etsim2m_media(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data) {
    if (!etsim2m_pref_xml_tree && proto_is_protocol_enabled(find_protocol_by_id(proto_etsim2m)) &&
        etsim2m_body_looks_like_mid(tvb, 0, (gint)tvb_captured_length(tvb)))
        return (int)tvb_captured_length(tvb);
    return xml_handle ? call_dissector_with_data(xml_handle, tvb, pinfo, tree, data) : 0;
}

/* ---- registration ------------------------------------------------------------------------ */

/* Primed fields make every frame build a tree: only ask for them while the protocol is on
 * (libwireshark primes a postdissector's fields whether or not its protocol is enabled). */
static void want_fields(gboolean enabled) {
    GArray *ids = g_array_new(FALSE, FALSE, (guint)sizeof(int));
    if (enabled)
        g_array_append_vals(ids, wanted_ids, wanted_count);
    set_postdissector_wanted_hfids(etsim2m_post_handle, ids);
}

static void etsim2m_init(void) {
    etsim2m_runtime_reset();
    want_fields(proto_is_protocol_enabled(find_protocol_by_id(proto_etsim2m)));
}

static void etsim2m_cleanup(void) {
    etsim2m_runtime_cleanup();
}

static void register_schema_fields(void) {
    guint i, n = etsim2m_schema_field_count;
    hf_register_info *hf = g_new0(hf_register_info, n);
    gint **ett = g_new0(gint *, n);
    etsim2m_schema_hf = g_new(int, n);
    etsim2m_schema_ett = g_new(int, n);
    for (i = 0; i < n; i++) {
        const etsim2m_schema_field *f = &etsim2m_schema_fields[i];
        enum ftenum type = FT_STRING;
        int display = BASE_NONE;
        switch (f->kind) {
        case ETSIM2M_KIND_BOOL: type = FT_BOOLEAN; break;
        case ETSIM2M_KIND_UINT:
            type = FT_UINT64;
            display = BASE_DEC;
            break;
        case ETSIM2M_KIND_INT:
            type = FT_INT64;
            display = BASE_DEC;
            break;
        case ETSIM2M_KIND_TIME:
            type = FT_ABSOLUTE_TIME;
            display = ABSOLUTE_TIME_UTC;
            break;
        case ETSIM2M_KIND_COMPLEX: type = FT_NONE; break;
        default: break;
        }
        etsim2m_schema_hf[i] = -1;
        etsim2m_schema_ett[i] = -1;
        hf[i].p_id = &etsim2m_schema_hf[i];
        hf[i].hfinfo.name = f->name;
        /* <status> of <membersContentResponses> would share etsim2m.status, the primitive's
         * status, and make "etsim2m.status == ..." match a group's member answers: it gets a
         * name of its own. */
        hf[i].hfinfo.abbrev = strcmp(f->name, "status") == 0
                                  ? g_strdup("etsim2m.member_status")
                                  : g_strdup_printf("etsim2m.%s", f->name);
        hf[i].hfinfo.type = type;
        hf[i].hfinfo.display = display;
        hf[i].hfinfo.blurb = "TS 102 921 element or attribute";
        hf[i].hfinfo.id = -1;
        hf[i].hfinfo.ref_type = HF_REF_TYPE_NONE;
        hf[i].hfinfo.same_name_prev_id = -1;
        ett[i] = &etsim2m_schema_ett[i];
    }
    proto_register_field_array(proto_etsim2m, hf, (int)n);
    proto_register_subtree_array(ett, (int)n);
    g_free(ett); /* the hf array stays: Wireshark keeps pointers into it */
}

void proto_register_etsim2m(void);
void proto_reg_handoff_etsim2m(void);

void proto_register_etsim2m(void) {
    static hf_register_info hf[] = {
        {&hf_etsim2m_binding,
         {"Binding", "etsim2m.binding", FT_UINT8, BASE_DEC, VALS(binding_vals), 0,
          "Transport binding of the mId message", HFILL}},
        {&hf_etsim2m_primitive,
         {"Primitive", "etsim2m.primitive", FT_UINT8, BASE_DEC, VALS(etsim2m_primitive_vals), 0,
          "mId primitive (for a response: of its request)", HFILL}},
        {&hf_etsim2m_target,
         {"Target", "etsim2m.target", FT_STRING, BASE_NONE, NULL, 0, "Path of the target resource",
          HFILL}},
        {&hf_etsim2m_resource_type,
         {"Resource type", "etsim2m.resource_type", FT_STRING, BASE_NONE, NULL, 0,
          "Type of the target (or created) resource", HFILL}},
        {&hf_etsim2m_requesting_entity,
         {"Requesting entity", "etsim2m.requesting_entity", FT_STRING, BASE_NONE, NULL, 0,
          "From Authorization: Basic (HTTP) or Uri-Query RequestingEntity= (CoAP)", HFILL}},
        {&hf_etsim2m_status,
         {"Status", "etsim2m.status", FT_STRING, BASE_NONE, NULL, 0,
          "mId status (STATUS_*) of a response", HFILL}},
        {&hf_etsim2m_status_source,
         {"Status from", "etsim2m.status_source", FT_STRING, BASE_NONE, NULL, 0,
          "What the status was read from", HFILL}},
        {&hf_etsim2m_time,
         {"Response time", "etsim2m.time", FT_RELATIVE_TIME, BASE_NONE, NULL, 0,
          "Time from the request to this response", HFILL}},
        {&hf_etsim2m_request_in,
         {"Request in", "etsim2m.request_in", FT_FRAMENUM, BASE_NONE,
          FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0, "The request this response answers", HFILL}},
        {&hf_etsim2m_response_in,
         {"Response in", "etsim2m.response_in", FT_FRAMENUM, BASE_NONE,
          FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE), 0, "The response to this request", HFILL}},
        {&hf_etsim2m_root,
         {"Representation", "etsim2m.root", FT_STRING, BASE_NONE, NULL, 0,
          "Root element of the body", HFILL}},
        {&hf_etsim2m_namespace,
         {"Namespace", "etsim2m.namespace", FT_STRING, BASE_NONE, NULL, 0,
          "Namespace of the root element", HFILL}},
        {&hf_etsim2m_body_length,
         {"Body length", "etsim2m.body_length", FT_UINT32, BASE_DEC, NULL, 0, NULL, HFILL}},
        {&hf_etsim2m_content_size,
         {"Content size", "etsim2m.content_size", FT_UINT32, BASE_DEC, NULL, 0,
          "Decoded size of <content> (base64)", HFILL}},
        {&hf_etsim2m_element,
         {"Element", "etsim2m.xml.element", FT_STRING, BASE_NONE, NULL, 0,
          "An element the TS 102 921 schemas do not define", HFILL}},
        {&hf_etsim2m_attribute,
         {"Attribute", "etsim2m.xml.attribute", FT_STRING, BASE_NONE, NULL, 0,
          "An attribute the TS 102 921 schemas do not define", HFILL}},
        {&hf_etsim2m_masked,
         {"Masked", "etsim2m.masked", FT_BOOLEAN, BASE_NONE, NULL, 0,
          "A key value hidden by the show_keys preference", HFILL}},
        {&hf_etsim2m_testcase,
         {"Test case", "etsim2m.testcase", FT_STRING, BASE_NONE, NULL, 0, "M2M Bench test case",
          HFILL}},
        {&hf_etsim2m_phase,
         {"Phase", "etsim2m.phase", FT_STRING, BASE_NONE, NULL, 0,
          "Test case phase: preamble, body, postamble", HFILL}},
        {&hf_etsim2m_params,
         {"Bootstrap parameters", "etsim2m.params", FT_NONE, BASE_NONE, NULL, 0,
          "bootstrapParamSet / connectionParamSet carried in PANA", HFILL}},
    };
    static gint *ett[] = {&ett_etsim2m, &ett_etsim2m_body, &ett_etsim2m_element,
                          &ett_etsim2m_record, &ett_etsim2m_key_value};
    static ei_register_info ei[] = {
        {&ei_etsim2m_xml_malformed,
         {"etsim2m.xml.malformed", PI_MALFORMED, PI_ERROR, "The body is not well-formed XML",
          EXPFILL}},
        {&ei_etsim2m_xml_limit,
         {"etsim2m.xml.limit", PI_UNDECODED, PI_NOTE,
          "Body decoded only in part (size or nesting limit)", EXPFILL}},
        {&ei_etsim2m_namespace,
         {"etsim2m.namespace.wrong", PI_PROTOCOL, PI_WARN,
          "Root element not in the m2m namespace http://uri.etsi.org/m2m", EXPFILL}},
        {&ei_etsim2m_mandatory,
         {"etsim2m.mandatory.missing", PI_PROTOCOL, PI_WARN,
          "A mandatory element or attribute is missing", EXPFILL}},
        {&ei_etsim2m_error_info_status,
         {"etsim2m.errorinfo.no_status", PI_PROTOCOL, PI_WARN, "errorInfo without statusCode",
          EXPFILL}},
        {&ei_etsim2m_status_not_allowed,
         {"etsim2m.status.not_allowed", PI_PROTOCOL, PI_WARN,
          "Status code not allowed for the primitive", EXPFILL}},
        {&ei_etsim2m_status_unknown,
         {"etsim2m.status.unknown", PI_PROTOCOL, PI_WARN, "Status code outside the mId binding",
          EXPFILL}},
        {&ei_etsim2m_unknown_element,
         {"etsim2m.element.unknown", PI_PROTOCOL, PI_NOTE,
          "Element not defined by the TS 102 921 schemas", EXPFILL}},
        {&ei_etsim2m_bad_value,
         {"etsim2m.value.bad", PI_PROTOCOL, PI_WARN, "Value does not fit the element's type",
          EXPFILL}},
        {&ei_etsim2m_doctype,
         {"etsim2m.xml.doctype", PI_SECURITY, PI_WARN,
          "DOCTYPE in an mId body (ignored, never expanded)", EXPFILL}},
        {&ei_etsim2m_no_request,
         {"etsim2m.response.unmatched", PI_SEQUENCE, PI_NOTE,
          "Response without a request in this capture", EXPFILL}},
        {&ei_etsim2m_record_malformed,
         {"etsim2m.record.malformed", PI_MALFORMED, PI_ERROR, "Malformed M2M Bench record",
          EXPFILL}},
        {&ei_etsim2m_check_failed,
         {"etsim2m.check.failed", PI_SEQUENCE, PI_WARN, "M2M Bench check failed", EXPFILL}},
        {&ei_etsim2m_check_inconc,
         {"etsim2m.check.inconc", PI_SEQUENCE, PI_NOTE, "M2M Bench check inconclusive", EXPFILL}},
        {&ei_etsim2m_key_shown,
         {"etsim2m.key.shown", PI_SECURITY, PI_NOTE, "Key value shown (show_keys preference)",
          EXPFILL}},
    };
    module_t *module;
    expert_module_t *expert;

    proto_etsim2m =
        proto_register_protocol("ETSI M2M mId and M2M Bench records", "ETSIM2M", "etsim2m");
    proto_register_field_array(proto_etsim2m, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    register_schema_fields();
    etsim2m_register_record_fields();
    expert = expert_register_protocol(proto_etsim2m);
    expert_register_field_array(expert, ei, array_length(ei));

    module = prefs_register_protocol(proto_etsim2m, etsim2m_runtime_reset);
    prefs_register_bool_preference(
        module, "show_keys", "Show key values",
        "Show securityM2MKey and the values of key records instead of masking them",
        &etsim2m_pref_show_keys);
    prefs_register_string_preference(
        module, "mid_paths", "sclBase paths",
        "Comma-separated paths under which HTTP and CoAP requests are mId (captures made by "
        "M2M Bench also name theirs)",
        &etsim2m_pref_mid_paths);
    prefs_register_bool_preference(
        module, "xml_tree", "Also show the generic XML tree",
        "Let the XML dissector show mId bodies too (slower; etsim2m already decodes them)",
        &etsim2m_pref_xml_tree);
    prefs_register_bool_preference(module, "all_http", "Every HTTP message is mId",
                                   "Decode every HTTP message as mId, whatever its path and body",
                                   &etsim2m_pref_all_http);
    prefs_register_uint_preference(module, "max_body", "Largest body decoded (bytes)",
                                   "Longer bodies are decoded up to this size", 10,
                                   &etsim2m_pref_max_body);
    prefs_register_uint_preference(module, "pana_vendor", "PANA vendor id",
                                   "Vendor-Id of the PANA AVP carrying bootstrapParamSet", 10,
                                   &etsim2m_pref_pana_vendor);
    prefs_register_uint_preference(
        module, "pana_avp", "PANA AVP code",
        "AVP code of the bootstrap parameters (0: any AVP whose value is m2m XML)", 10,
        &etsim2m_pref_pana_avp);
    prefs_register_enum_preference(
        module, "status_410", "HTTP 410 means",
        "Implementations map STATUS_DELETED and STATUS_EXPIRED differently; an errorInfo "
        "statusCode always wins",
        &etsim2m_pref_status_410, status_410_vals, FALSE);

    etsim2m_tap = register_tap("etsim2m");
    etsim2m_schema_init();
    register_init_routine(etsim2m_init);
    register_cleanup_routine(etsim2m_cleanup);
    register_dissector("etsim2m_record", etsim2m_dissect_record, proto_etsim2m);
    etsim2m_post_handle = create_dissector_handle(dissect_etsim2m_post, proto_etsim2m);
}

void proto_reg_handoff_etsim2m(void) {
    guint i;
    wanted_count = 0;
    for (i = 0; i < array_length(wanted_fields); i++) {
        int id = proto_registrar_get_id_byname(wanted_fields[i].abbrev);
        header_field_info *hfi = id >= 0 ? proto_registrar_get_nth((guint)id) : NULL;
        /* several fields may share an abbreviation: want every one of them */
        for (; hfi && wanted_count < MAX_WANTED; hfi = hfi->same_name_next) {
            wanted_ids[wanted_count] = hfi->id;
            wanted_roles[wanted_count++] = (guint8)wanted_fields[i].role;
        }
    }
    xml_handle = find_dissector("xml");
    if (xml_handle) {
        dissector_handle_t media = create_dissector_handle(dissect_etsim2m_media, -1);
        dissector_add_string("media_type", "application/xml", media);
        dissector_add_string("media_type", "text/xml", media);
    }
    proto_ws_expert = proto_get_id_by_filter_name("_ws.expert");
    expert_tap = find_tap_id("expert");
    register_postdissector(etsim2m_post_handle);
    want_fields(TRUE);
}
