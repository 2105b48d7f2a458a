/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mId messages: primitive, target, requesting entity, status; request/response matching. */
#include "etsim2m-int.h"

#include <epan/conversation.h>
#include <epan/proto_data.h>
#include <epan/tap.h>
#include <epan/to_str.h>
#include <wsutil/str_util.h>

#include <string.h>

/* A request waiting for its response on one conversation. */
typedef struct {
    guint32 frame;
    nstime_t time;
    etsim2m_msg_state *state;
    guint8 token[8];
    guint token_len;
} pending_request;

typedef struct {
    wmem_list_t *pending; /* HTTP: requests in order; CoAP: any order, matched by token */
    gboolean is_mid;
} conv_data;

static const struct {
    const char *collection;
    const char *member;
} collections[] = {
    {"scls", "scl"},
    {"applications", "application"},
    {"containers", "container"},
    {"locationContainers", "locationContainer"},
    {"contentInstances", "contentInstance"},
    {"accessRights", "accessRight"},
    {"groups", "group"},
    {"subscriptions", "subscription"},
    {"notificationChannels", "notificationChannel"},
    {"m2mPocs", "m2mPoc"},
    {"mgmtObjs", "mgmtObj"},
    {"mgmtCmds", "mgmtCmd"},
    {"execInstances", "execInstance"},
    {"attachedDevices", "attachedDevice"},
};

static const char *member_of(const char *collection) {
    guint i;
    for (i = 0; i < array_length(collections); i++) {
        if (strcmp(collections[i].collection, collection) == 0)
            return collections[i].member;
    }
    return NULL;
}

/* The resource type a path addresses: walks collection/name pairs below the sclBase. */
const char *etsim2m_resource_type_of(const char *path, int primitive, const char *body_root) {
    gchar **segs;
    const char *type = "sclBase", *scope_end;
    char *clean;
    guint i, n;
    if (!path || !*path)
        return body_root;
    if (strstr(path, "://") && (scope_end = strchr(strstr(path, "://") + 3, '/')) != NULL)
        path = scope_end;
    clean = wmem_strndup(wmem_packet_scope(), path, strcspn(path, "?#"));
    segs = wmem_strsplit(wmem_packet_scope(), clean, "/", 64);
    for (n = 0; segs[n]; n++)
        ;
    for (i = 2; i < n; i++) { /* segs[0] is "" (leading '/'), segs[1] the sclBase */
        const char *prev_member = member_of(segs[i - 1]);
        if (!*segs[i])
            continue;
        if (prev_member)
            type = prev_member; /* a name in a collection, or latest/oldest */
        else if (member_of(segs[i]))
            type = segs[i]; /* a collection */
        else if (etsim2m_schema_field_index((const guint8 *)segs[i], (guint)strlen(segs[i])) >= 0)
            type = segs[i]; /* an attribute or a sub-resource addressed by name */
    }
    /* CREATE addresses the collection; the body says what is created */
    if (primitive == ETSIM2M_PRIM_CREATE && body_root)
        return body_root;
    return n > 1 ? type : body_root;
}

int etsim2m_primitive_of_method(const char *method, int binding) {
    (void)binding;
    if (!method)
        return ETSIM2M_PRIM_NONE;
    if (strcmp(method, "GET") == 0)
        return ETSIM2M_PRIM_RETRIEVE;
    if (strcmp(method, "POST") == 0)
        return ETSIM2M_PRIM_CREATE;
    if (strcmp(method, "PUT") == 0)
        return ETSIM2M_PRIM_UPDATE;
    if (strcmp(method, "DELETE") == 0)
        return ETSIM2M_PRIM_DELETE;
    return ETSIM2M_PRIM_NONE;
}

static int primitive_of_coap(guint code) {
    static const int by_code[] = {ETSIM2M_PRIM_NONE, ETSIM2M_PRIM_RETRIEVE, ETSIM2M_PRIM_CREATE,
                                  ETSIM2M_PRIM_UPDATE, ETSIM2M_PRIM_DELETE};
    return code < array_length(by_code) ? by_code[code] : ETSIM2M_PRIM_NONE;
}

const char *etsim2m_status_name(guint status, int binding) {
    static const struct {
        guint http, coap;
        const char *name;
    } map[] = {
        {200, 205, "STATUS_OK"},
        {201, 201, "STATUS_CREATED"},
        {202, 0, "STATUS_ACCEPTED"},
        {204, 204, "STATUS_OK"},
        {0, 202, "STATUS_DELETED"},
        {400, 400, "STATUS_BAD_REQUEST"},
        {401, 401, "STATUS_PERMISSION_DENIED"},
        {403, 403, "STATUS_FORBIDDEN"},
        {404, 404, "STATUS_NOT_FOUND"},
        {405, 405, "STATUS_METHOD_NOT_ALLOWED"},
        {406, 406, "STATUS_NOT_ACCEPTABLE"},
        {408, 0, "STATUS_REQUEST_TIMEOUT"},
        {409, 409, "STATUS_CONFLICT"},
        {415, 415, "STATUS_UNSUPPORTED_MEDIA_TYPE"},
        {500, 500, "STATUS_INTERNAL_SERVER_ERROR"},
        {501, 501, "STATUS_NOT_IMPLEMENTED"},
        {502, 502, "STATUS_BAD_GATEWAY"},
        {503, 503, "STATUS_SERVICE_UNAVAILABLE"},
        {504, 504, "STATUS_GATEWAY_TIMEOUT"},
    };
    guint i;
    if (binding == ETSIM2M_BINDING_HTTP && status == 410)
        return etsim2m_pref_status_410 ? "STATUS_EXPIRED" : "STATUS_DELETED";
    if (binding == ETSIM2M_BINDING_COAP && status == 204)
        return "STATUS_OK"; /* 2.04 Changed answers UPDATE and NOTIFY */
    for (i = 0; i < array_length(map); i++) {
        if ((binding == ETSIM2M_BINDING_HTTP ? map[i].http : map[i].coap) == status && status)
            return map[i].name;
    }
    return NULL;
}

/* Whether a success code fits the primitive (TS 102 921 HTTP and CoAP bindings). */
static gboolean status_allowed(int primitive, guint status, int binding) {
    if (status >= 300)
        return TRUE; /* errors may answer anything */
    switch (primitive) {
    case ETSIM2M_PRIM_CREATE: return status == 201 || status == 202;
    case ETSIM2M_PRIM_RETRIEVE:
        return binding == ETSIM2M_BINDING_HTTP ? status == 200 || status == 202 : status == 205;
    case ETSIM2M_PRIM_UPDATE:
    case ETSIM2M_PRIM_NOTIFY:
        return binding == ETSIM2M_BINDING_HTTP ? status == 200 || status == 204 || status == 202
                                               : status == 204 || status == 205;
    case ETSIM2M_PRIM_DELETE:
        return binding == ETSIM2M_BINDING_HTTP ? status == 200 || status == 204 : status == 202;
    default: return TRUE;
    }
}

static char *percent_decode(const char *s, gsize n) {
    char *out = (char *)wmem_alloc(wmem_packet_scope(), n + 1);
    gsize i, o = 0;
    for (i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n && g_ascii_isxdigit(s[i + 1]) && g_ascii_isxdigit(s[i + 2])) {
            out[o++] =
                (char)((g_ascii_xdigit_value(s[i + 1]) << 4) | g_ascii_xdigit_value(s[i + 2]));
            i += 2;
        } else {
            out[o++] = s[i] == '+' ? ' ' : s[i];
        }
    }
    out[o] = '\0';
    return out;
}

/* Authorization: Basic base64(urlencoded-requestingEntity ":" secret) (PROFILE.md); CoAP:
 * Uri-Query RequestingEntity=<anyURI>. */
static const char *requesting_entity_of(const etsim2m_msg *m) {
    if (m->authorization && g_ascii_strncasecmp(m->authorization, "Basic ", 6) == 0) {
        gsize len = 0;
        const char *b64 = m->authorization + 6;
        gchar *copy;
        const char *raw, *colon, *out = NULL;
        while (*b64 == ' ')
            b64++;
        if (strlen(b64) < 2)
            return NULL; /* g_base64_decode_inplace needs at least two characters */
        copy = g_strndup(b64, 1024);
        raw = (const char *)g_base64_decode_inplace(copy, &len);
        colon = (const char *)memchr(raw, ':', len);
        out = percent_decode(raw, colon ? (gsize)(colon - raw) : len);
        g_free(copy);
        return out;
    }
    if (m->query) {
        const char *q = strstr(m->query, "RequestingEntity=");
        if (q) {
            q += strlen("RequestingEntity=");
            return percent_decode(q, strcspn(q, "&"));
        }
    }
    return NULL;
}

static conv_data *conversation_of(packet_info *pinfo) {
    conversation_t *conv;
    conv_data *d;
    if (pinfo->src.type == AT_NONE || pinfo->ptype == PT_NONE)
        return NULL;
    conv = find_or_create_conversation(pinfo);
    d = (conv_data *)conversation_get_proto_data(conv, proto_etsim2m);
    if (!d) {
        d = wmem_new0(wmem_file_scope(), conv_data);
        d->pending = wmem_list_new(wmem_file_scope());
        conversation_add_proto_data(conv, proto_etsim2m, d);
    }
    return d;
}

/* The pending request this response answers: the oldest (HTTP) or the one with its token. */
static pending_request *take_request(conv_data *conv, const etsim2m_msg *m) {
    wmem_list_frame_t *f;
    for (f = wmem_list_head(conv->pending); f; f = wmem_list_frame_next(f)) {
        pending_request *r = (pending_request *)wmem_list_frame_data(f);
        if (m->binding == ETSIM2M_BINDING_HTTP ||
            (r->token_len == m->token_len && memcmp(r->token, m->token, m->token_len) == 0)) {
            wmem_list_remove_frame(conv->pending, f);
            return r;
        }
    }
    return NULL;
}

/* First pass: decide whether the message is mId and match it with its request. */
static etsim2m_msg_state *analyse(const etsim2m_msg *m, packet_info *pinfo, const char *root,
                                  gboolean m2m_body) {
    etsim2m_msg_state *st = wmem_new0(wmem_file_scope(), etsim2m_msg_state);
    conv_data *conv = conversation_of(pinfo);
    const char *tc, *phase;
    etsim2m_current_test(&tc, &phase);
    st->testcase = tc ? wmem_strdup(wmem_file_scope(), tc) : NULL;
    st->phase = phase ? wmem_strdup(wmem_file_scope(), phase) : NULL;
    if (m->is_request) {
        st->primitive = (guint8)(m->binding == ETSIM2M_BINDING_HTTP
                                     ? etsim2m_primitive_of_method(m->method, m->binding)
                                     : primitive_of_coap(m->coap_code));
        if (st->primitive == ETSIM2M_PRIM_CREATE && root && strcmp(root, "notify") == 0)
            st->primitive = ETSIM2M_PRIM_NOTIFY;
        st->target = m->uri ? wmem_strdup(wmem_file_scope(), m->uri) : NULL;
        st->resource_type =
            wmem_strdup(wmem_file_scope(), etsim2m_resource_type_of(m->uri, st->primitive, root));
        st->is_mid = etsim2m_pref_all_http || m2m_body || etsim2m_is_mid_path(m->uri) ||
                     (conv && conv->is_mid) || (m->query && strstr(m->query, "RequestingEntity="));
        if (conv) {
            pending_request *r = wmem_new0(wmem_file_scope(), pending_request);
            r->frame = pinfo->num;
            r->time = pinfo->abs_ts;
            r->state = st;
            r->token_len = m->token_len <= 8 ? m->token_len : 0;
            if (r->token_len)
                memcpy(r->token, m->token, r->token_len);
            wmem_list_append(conv->pending, r);
        }
    } else {
        /* An interim 1xx answer (100 Continue) does not end the exchange. */
        const gboolean interim = m->binding == ETSIM2M_BINDING_HTTP && m->status < 200;
        pending_request *r = conv && !interim ? take_request(conv, m) : NULL;
        if (r) {
            st->matched = 1;
            st->primitive = r->state->primitive;
            st->target = r->state->target;
            st->resource_type = r->state->resource_type;
            st->request_frame = r->frame;
            st->request_time = r->time;
            r->state->response_frame = pinfo->num;
        }
        st->is_mid =
            etsim2m_pref_all_http || m2m_body || (r && r->state->is_mid) || (conv && conv->is_mid);
    }
    if (conv && st->is_mid)
        conv->is_mid = TRUE;
    return st;
}

/* The root element of a body and whether it is in the m2m namespace, without decoding it all. */
static const char *peek_root(const etsim2m_msg *m, gboolean *m2m) {
    *m2m = FALSE;
    if (!m->body_tvb || m->body_len <= 0)
        return NULL;
    return etsim2m_body_root(m->body_tvb, m->body_off, m->body_len, m2m);
}

static void add_status(const etsim2m_msg *m, const etsim2m_msg_state *st,
                       const etsim2m_body_info *body, packet_info *pinfo, proto_tree *tree,
                       proto_item *ti, const char **status_out) {
    const char *status = body->status_code;
    proto_item *item;
    const char *source = "errorInfo statusCode";
    if (!status) {
        status = etsim2m_status_name(m->status, m->binding);
        source = m->binding == ETSIM2M_BINDING_HTTP
                     ? wmem_strdup_printf(wmem_packet_scope(), "HTTP %u", m->status)
                     : wmem_strdup_printf(wmem_packet_scope(), "CoAP %u.%02u", m->status / 100,
                                          m->status % 100);
    }
    *status_out = status;
    if (!status) {
        expert_add_info_format(pinfo, ti, &ei_etsim2m_status_unknown,
                               "Status %u is not one the mId %s binding defines", m->status,
                               m->binding == ETSIM2M_BINDING_HTTP ? "HTTP" : "CoAP");
        return;
    }
    item = proto_tree_add_string(tree, hf_etsim2m_status, m->msg_tvb, m->msg_off, 0, status);
    proto_item_set_generated(item);
    item = proto_tree_add_string(tree, hf_etsim2m_status_source, m->msg_tvb, m->msg_off, 0, source);
    proto_item_set_generated(item);
    if (st->matched && !status_allowed(st->primitive, m->status, m->binding)) {
        expert_add_info_format(pinfo, ti, &ei_etsim2m_status_not_allowed,
                               "%s (%u) does not answer %s", status, m->status,
                               val_to_str_const(st->primitive, etsim2m_primitive_vals, "?"));
    }
}

static void add_matching(const etsim2m_msg *m, const etsim2m_msg_state *st, packet_info *pinfo,
                         proto_tree *tree, proto_item *ti, double *response_ms) {
    proto_item *item;
    *response_ms = -1;
    if (m->is_request) {
        if (st->response_frame) {
            item = proto_tree_add_uint(tree, hf_etsim2m_response_in, m->msg_tvb, m->msg_off, 0,
                                       st->response_frame);
            proto_item_set_generated(item);
        }
        return;
    }
    if (!st->matched) {
        expert_add_info(pinfo, ti, &ei_etsim2m_no_request);
        return;
    }
    {
        nstime_t delta;
        nstime_delta(&delta, &pinfo->abs_ts, &st->request_time);
        item = proto_tree_add_uint(tree, hf_etsim2m_request_in, m->msg_tvb, m->msg_off, 0,
                                   st->request_frame);
        proto_item_set_generated(item);
        item = proto_tree_add_time(tree, hf_etsim2m_time, m->msg_tvb, m->msg_off, 0, &delta);
        proto_item_set_generated(item);
        *response_ms = nstime_to_msec(&delta);
    }
}

static void add_identity(const etsim2m_msg *m, const etsim2m_msg_state *st, proto_tree *tree,
                         const char **entity) {
    proto_item *item;
    item = proto_tree_add_uint(tree, hf_etsim2m_binding, m->msg_tvb, m->msg_off, 0,
                               (guint32)m->binding);
    proto_item_set_generated(item);
    if (st->primitive) {
        item = proto_tree_add_uint(tree, hf_etsim2m_primitive, m->msg_tvb, m->msg_off, 0,
                                   st->primitive);
        proto_item_set_generated(item);
    }
    if (st->target) {
        item =
            proto_tree_add_string(tree, hf_etsim2m_target, m->msg_tvb, m->msg_off, 0, st->target);
        proto_item_set_generated(item);
    }
    if (st->resource_type) {
        item = proto_tree_add_string(tree, hf_etsim2m_resource_type, m->msg_tvb, m->msg_off, 0,
                                     st->resource_type);
        proto_item_set_generated(item);
    }
    *entity = m->is_request ? requesting_entity_of(m) : NULL;
    if (*entity) {
        item = proto_tree_add_string(tree, hf_etsim2m_requesting_entity, m->msg_tvb, m->msg_off, 0,
                                     *entity);
        proto_item_set_generated(item);
    }
    if (st->testcase) {
        item = proto_tree_add_string(tree, hf_etsim2m_testcase, m->msg_tvb, m->msg_off, 0,
                                     st->testcase);
        proto_item_set_generated(item);
    }
    if (st->phase) {
        item = proto_tree_add_string(tree, hf_etsim2m_phase, m->msg_tvb, m->msg_off, 0, st->phase);
        proto_item_set_generated(item);
    }
}

static void tap_message(const etsim2m_msg *m, const etsim2m_msg_state *st, packet_info *pinfo,
                        const char *status, const char *entity, double response_ms) {
    etsim2m_tap_info *t;
    if (!have_tap_listener(etsim2m_tap))
        return;
    t = etsim2m_new_tap_info();
    t->primitive = st->primitive;
    t->is_request = m->is_request;
    t->resource_type = st->resource_type;
    t->status = status;
    t->requesting_entity = entity;
    t->response_ms = response_ms;
    t->conversation =
        m->is_request
            ? wmem_strdup_printf(wmem_packet_scope(), "%s:%u -> %s:%u",
                                 address_to_str(wmem_packet_scope(), &pinfo->src), pinfo->srcport,
                                 address_to_str(wmem_packet_scope(), &pinfo->dst), pinfo->destport)
            : NULL;
    tap_queue_packet(etsim2m_tap, pinfo, t);
}

void etsim2m_dissect_mid(etsim2m_msg *m, guint index, packet_info *pinfo, proto_tree *tree,
                         wmem_strbuf_t *info_text) {
    etsim2m_msg_state *st =
        (etsim2m_msg_state *)p_get_proto_data(wmem_file_scope(), pinfo, proto_etsim2m, index);
    etsim2m_body_info body;
    proto_item *ti;
    proto_tree *mt;
    const char *status = NULL, *entity = NULL;
    double response_ms;

    if (!st) {
        gboolean m2m = FALSE;
        const char *root;
        if (pinfo->fd->visited)
            return; /* not mId when first seen */
        root = peek_root(m, &m2m);
        st = analyse(m, pinfo, root, m2m);
        p_add_proto_data(wmem_file_scope(), pinfo, proto_etsim2m, index, st);
    }
    if (!st->is_mid)
        return;
    ti = proto_tree_add_item(tree, proto_etsim2m, m->msg_tvb, m->msg_off, m->msg_len, ENC_NA);
    mt = proto_item_add_subtree(ti, ett_etsim2m);
    add_identity(m, st, mt, &entity);
    add_matching(m, st, pinfo, mt, ti, &response_ms);
    memset(&body, 0, sizeof body);
    if (m->body_tvb && m->body_len > 0)
        etsim2m_dissect_body(m->body_tvb, m->body_off, m->body_len, pinfo, mt, ti, &body,
                             etsim2m_want_details(tree));
    if (!m->is_request)
        add_status(m, st, &body, pinfo, mt, ti, &status);

    if (wmem_strbuf_get_len(info_text) > 0)
        wmem_strbuf_append(info_text, ", ");
    if (m->is_request)
        wmem_strbuf_append_printf(
            info_text, "%s %s %s", val_to_str_const(st->primitive, etsim2m_primitive_vals, "mId"),
            st->resource_type ? st->resource_type : "?", st->target ? st->target : "");
    else
        wmem_strbuf_append_printf(info_text, "%s (%s %s)", status ? status : "status ?",
                                  val_to_str_const(st->primitive, etsim2m_primitive_vals, "?"),
                                  st->resource_type ? st->resource_type : "?");
    proto_item_append_text(ti, ", %s", wmem_strbuf_get_str(info_text));
    tap_message(m, st, pinfo, status, entity, response_ms);
}
