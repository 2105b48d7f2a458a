/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mId bodies: the XML representation decoded into filterable fields, with the checks the
 * schemas allow (namespace, mandatory elements, value types) and keys masked. */
#include "etsim2m-int.h"
#include "etsim2m-xml.h"

#include <string.h>

#define M2M_NS "http://uri.etsi.org/m2m"
#define MAX_NAME 64
#define MAX_TEXT 4096
#define MAX_BINARY_TEXT 1024
#define SNIFF_BYTES 2048
#define MAX_NODES 16384

static GHashTable *field_by_name; /* name -> index + 1 */
static GHashTable *root_by_field; /* index + 1 -> root */

void etsim2m_schema_init(void) {
    guint i;
    field_by_name = g_hash_table_new(g_str_hash, g_str_equal);
    root_by_field = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (i = 0; i < etsim2m_schema_field_count; i++)
        g_hash_table_insert(field_by_name, (gpointer)etsim2m_schema_fields[i].name,
                            GUINT_TO_POINTER(i + 1));
    for (i = 0; i < etsim2m_schema_root_count; i++)
        g_hash_table_insert(root_by_field, GUINT_TO_POINTER(etsim2m_schema_roots[i].field + 1),
                            (gpointer)&etsim2m_schema_roots[i]);
}

int etsim2m_schema_field_index(const guint8 *name, guint len) {
    char key[MAX_NAME];
    if (len == 0 || len >= MAX_NAME)
        return -1;
    memcpy(key, name, len);
    key[len] = '\0';
    return (int)GPOINTER_TO_UINT(g_hash_table_lookup(field_by_name, key)) - 1;
}

const etsim2m_schema_root *etsim2m_schema_root_of(int field_index) {
    return field_index < 0 ? NULL
                           : (const etsim2m_schema_root *)g_hash_table_lookup(
                                 root_by_field, GUINT_TO_POINTER((guint)field_index + 1));
}

/* The bytes of a body, clipped to what was captured and to the max_body preference. */
static const guint8 *body_bytes(tvbuff_t *tvb, gint off, gint len, guint32 *out_len) {
    gint avail = tvb_captured_length_remaining(tvb, off);
    if (avail <= 0 || len <= 0)
        return NULL;
    if (len > avail)
        len = avail;
    if ((guint)len > etsim2m_pref_max_body)
        len = (gint)etsim2m_pref_max_body;
    *out_len = (guint32)len;
    return tvb_get_ptr(tvb, off, len);
}

static gboolean contains(const guint8 *p, guint32 n, const char *needle) {
    size_t k = strlen(needle);
    guint32 i;
    for (i = 0; i + k <= n; i++) {
        if (p[i] == (guint8)needle[0] && memcmp(p + i, needle, k) == 0)
            return TRUE;
    }
    return FALSE;
}

/* Whether the bytes start like XML (after a byte order mark and blanks). */
static gboolean looks_like_xml(const guint8 *p, guint32 n) {
    guint32 i = 0;
    if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
        i = 3;
    while (i < n && g_ascii_isspace(p[i]))
        i++;
    return i < n && p[i] == '<';
}

gboolean etsim2m_body_looks_like_mid(tvbuff_t *tvb, gint off, gint len) {
    guint32 n = 0;
    const guint8 *p = body_bytes(tvb, off, len, &n);
    return p && looks_like_xml(p, n) && contains(p, n < SNIFF_BYTES ? n : SNIFF_BYTES, M2M_NS);
}

static char *node_name(const guint8 *buf, guint32 off, guint32 len) {
    return wmem_strndup(wmem_packet_scope(), (const char *)buf + off,
                        len < MAX_NAME ? len : MAX_NAME);
}

static gboolean ns_is_m2m(const guint8 *buf, const etsim2m_xml_node *n) {
    return n->ns_off != ETSIM2M_XML_NO_NS && n->ns_len == strlen(M2M_NS) &&
           memcmp(buf + n->ns_off, M2M_NS, n->ns_len) == 0;
}

const char *etsim2m_body_root(tvbuff_t *tvb, gint off, gint len, gboolean *in_m2m_ns) {
    etsim2m_xml_node node;
    etsim2m_xml_attr attrs[32];
    etsim2m_xml_doc doc;
    guint32 n = 0;
    const guint8 *buf = body_bytes(tvb, off, len, &n);
    *in_m2m_ns = FALSE;
    if (!buf)
        return NULL;
    memset(&doc, 0, sizeof doc);
    doc.nodes = &node;
    doc.node_cap = 1; /* stops at the second element: the root is all we want */
    doc.attrs = attrs;
    doc.attr_cap = array_length(attrs);
    etsim2m_xml_parse(buf, n, &doc);
    if (doc.node_count == 0 || node.name_len == 0)
        return NULL;
    *in_m2m_ns = ns_is_m2m(buf, &node);
    return node_name(buf, node.name_off, node.name_len);
}

/* ---- values --------------------------------------------------------------------------- */

static int digits(const char *s, int n, int *out) {
    int v = 0, i;
    for (i = 0; i < n; i++) {
        if (!g_ascii_isdigit(s[i]))
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

static gint64 days_from_civil(gint64 y, int m, int d) {
    gint64 era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* xs:dateTime: YYYY-MM-DDThh:mm:ss[.fraction][Z|(+|-)hh:mm]; no zone is taken as UTC. */
static gboolean parse_datetime(const char *s, nstime_t *out) {
    int Y, M, D, h, m, sec, zh = 0, zm = 0, sign = 0;
    gint64 ns = 0, scale = 100000000;
    const char *p = s + 19;
    if (strlen(s) < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') ||
        s[13] != ':' || s[16] != ':' || !digits(s, 4, &Y) || !digits(s + 5, 2, &M) ||
        !digits(s + 8, 2, &D) || !digits(s + 11, 2, &h) || !digits(s + 14, 2, &m) ||
        !digits(s + 17, 2, &sec) || M < 1 || M > 12 || D < 1 || D > 31 || h > 24 || m > 59 ||
        sec > 60)
        return FALSE;
    if (*p == '.') {
        for (p++; g_ascii_isdigit(*p); p++) {
            ns += (*p - '0') * scale;
            scale /= 10;
        }
    }
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        sign = *p == '-' ? -1 : 1;
        if (strlen(p) < 6 || p[3] != ':' || !digits(p + 1, 2, &zh) || !digits(p + 4, 2, &zm))
            return FALSE;
        p += 6;
    }
    if (*p != '\0')
        return FALSE;
    out->secs = (time_t)(days_from_civil(Y, M, D) * 86400 + h * 3600 + m * 60 + sec -
                         sign * (zh * 3600 + zm * 60));
    out->nsecs = (int)ns;
    return TRUE;
}

/* Decoded size of base64 text: 3 bytes per 4 characters, less the padding. */
static guint32 base64_size(const char *s, size_t n) {
    size_t i, chars = 0, pad = 0;
    for (i = 0; i < n; i++) {
        if (g_ascii_isalnum(s[i]) || s[i] == '+' || s[i] == '/')
            chars++;
        else if (s[i] == '=')
            pad++;
    }
    return (guint32)(((chars + pad) / 4) * 3 - (pad > 2 ? 2 : pad));
}

typedef struct {
    const guint8 *buf;
    tvbuff_t *tvb;
    gint base; /* offset of buf[0] in tvb */
    etsim2m_xml_doc *doc;
    packet_info *pinfo;
    etsim2m_body_info *info;
} body_ctx;

static char *text_of(const body_ctx *c, const etsim2m_xml_node *n, size_t cap, size_t *full) {
    char *out = (char *)wmem_alloc(wmem_packet_scope(), cap);
    *full = etsim2m_xml_text(c->buf, n->content_start, n->content_end, out, cap);
    return out;
}

static proto_item *add_bad(const body_ctx *c, proto_tree *tree, const etsim2m_xml_node *n,
                           const char *name, const char *text, const char *type) {
    proto_item *item =
        proto_tree_add_string_format(tree, hf_etsim2m_element, c->tvb, c->base + (gint)n->start,
                                     (gint)(n->end - n->start), name, "%s: %s", name, text);
    if (c->pinfo)
        expert_add_info_format(c->pinfo, item, &ei_etsim2m_bad_value,
                               "<%s> value '%s' is not a valid %s", name, text, type);
    return item;
}

static proto_item *add_key(const body_ctx *c, proto_tree *tree, int hf, const etsim2m_xml_node *n,
                           const char *text, size_t full) {
    gint start = c->base + (gint)n->start, len = (gint)(n->end - n->start);
    proto_item *item;
    if (etsim2m_pref_show_keys) {
        item = proto_tree_add_string(tree, hf, c->tvb, start, len, text);
        if (c->pinfo)
            expert_add_info(c->pinfo, item, &ei_etsim2m_key_shown);
        return item;
    }
    /* hexBinary: two characters an octet */
    item = proto_tree_add_string_format_value(tree, hf, c->tvb, start, len, "<masked>",
                                              "<masked, %u octets>", (guint)(full / 2));
    proto_item_set_generated(
        proto_tree_add_boolean(proto_item_add_subtree(item, ett_etsim2m_element), hf_etsim2m_masked,
                               c->tvb, start, len, TRUE));
    return item;
}

/* One element with a value (no child elements). */
static proto_item *add_leaf(const body_ctx *c, proto_tree *tree, int index,
                            const etsim2m_xml_node *n) {
    const etsim2m_schema_field *f = &etsim2m_schema_fields[index];
    int hf = etsim2m_schema_hf[index];
    gint start = c->base + (gint)n->start, len = (gint)(n->end - n->start);
    size_t full = 0;
    char *text = text_of(c, n, f->kind == ETSIM2M_KIND_BINARY ? MAX_BINARY_TEXT : MAX_TEXT, &full);
    char *end = NULL;
    switch (f->kind) {
    case ETSIM2M_KIND_UINT: {
        guint64 v = g_ascii_strtoull(text, &end, 10);
        if (!*text || *end || text[0] == '-')
            return add_bad(c, tree, n, f->name, text, "unsigned integer");
        return proto_tree_add_uint64(tree, hf, c->tvb, start, len, v);
    }
    case ETSIM2M_KIND_INT: {
        gint64 v = g_ascii_strtoll(text, &end, 10);
        if (!*text || *end)
            return add_bad(c, tree, n, f->name, text, "integer");
        return proto_tree_add_int64(tree, hf, c->tvb, start, len, v);
    }
    case ETSIM2M_KIND_BOOL:
        if (strcmp(text, "true") == 0 || strcmp(text, "1") == 0)
            return proto_tree_add_boolean(tree, hf, c->tvb, start, len, TRUE);
        if (strcmp(text, "false") == 0 || strcmp(text, "0") == 0)
            return proto_tree_add_boolean(tree, hf, c->tvb, start, len, FALSE);
        return add_bad(c, tree, n, f->name, text, "boolean");
    case ETSIM2M_KIND_TIME: {
        nstime_t t;
        if (!parse_datetime(text, &t))
            return add_bad(c, tree, n, f->name, text, "dateTime");
        return proto_tree_add_time(tree, hf, c->tvb, start, len, &t);
    }
    case ETSIM2M_KIND_BINARY:
        if (strstr(f->name, "Key"))
            return add_key(c, tree, hf, n, text, full);
        if (strcmp(f->name, "content") == 0) {
            proto_item *item = proto_tree_add_string(tree, hf, c->tvb, start, len, text);
            proto_item *size = proto_tree_add_uint(
                proto_item_add_subtree(item, etsim2m_schema_ett[index]), hf_etsim2m_content_size,
                c->tvb, start, len, base64_size(text, strlen(text)));
            proto_item_set_generated(size);
            return item;
        }
        return proto_tree_add_string(tree, hf, c->tvb, start, len, text);
    case ETSIM2M_KIND_COMPLEX: return proto_tree_add_item(tree, hf, c->tvb, start, len, ENC_NA);
    default: return proto_tree_add_string(tree, hf, c->tvb, start, len, text);
    }
}

static void add_attributes(const body_ctx *c, proto_tree *tree, const etsim2m_xml_node *n) {
    guint32 i;
    for (i = 0; i < n->attr_count; i++) {
        const etsim2m_xml_attr *a = &c->doc->attrs[n->attr_first + i];
        char value[MAX_TEXT];
        int index;
        if (a->name_len == 0 ||
            (a->prefix_len == 5 && memcmp(c->buf + a->name_off - 6, "xmlns", 5) == 0))
            continue; /* namespace declarations */
        etsim2m_xml_text(c->buf, a->value_off, a->value_off + a->value_len, value, sizeof value);
        index = etsim2m_schema_field_index(c->buf + a->name_off, a->name_len);
        if (index >= 0 && etsim2m_schema_fields[index].kind != ETSIM2M_KIND_COMPLEX)
            proto_tree_add_string(tree, etsim2m_schema_hf[index], c->tvb, c->base + (gint)a->start,
                                  (gint)(a->end - a->start), value);
        else
            proto_tree_add_string_format(tree, hf_etsim2m_attribute, c->tvb,
                                         c->base + (gint)a->start, (gint)(a->end - a->start), value,
                                         "@%s: %s", node_name(c->buf, a->name_off, a->name_len),
                                         value);
    }
}

static void add_children(const body_ctx *c, proto_tree *tree, int32_t first);

static void add_element(const body_ctx *c, proto_tree *tree, const etsim2m_xml_node *n) {
    int index = etsim2m_schema_field_index(c->buf + n->name_off, n->name_len);
    proto_item *item;
    proto_tree *sub;
    if (index >= 0 &&
        (n->first_child < 0 || etsim2m_schema_fields[index].kind == ETSIM2M_KIND_COMPLEX)) {
        item = add_leaf(c, tree, index, n);
        sub = (n->first_child >= 0 || n->attr_count > 0)
                  ? proto_item_add_subtree(item, etsim2m_schema_ett[index])
                  : NULL;
    } else {
        size_t full = 0;
        char *name = node_name(c->buf, n->name_off, n->name_len);
        char *text = n->first_child < 0 ? text_of(c, n, MAX_TEXT, &full) : (char *)"";
        item = proto_tree_add_string_format(tree, hf_etsim2m_element, c->tvb,
                                            c->base + (gint)n->start, (gint)(n->end - n->start),
                                            name, "<%s>%s%s", name, *text ? " " : "", text);
        if (c->pinfo && index < 0 && ns_is_m2m(c->buf, n))
            expert_add_info_format(c->pinfo, item, &ei_etsim2m_unknown_element,
                                   "<%s> is not an element of the TS 102 921 schemas", name);
        sub = proto_item_add_subtree(item, ett_etsim2m_element);
    }
    if (sub) {
        add_attributes(c, sub, n);
        add_children(c, sub, n->first_child);
    }
}

static void add_children(const body_ctx *c, proto_tree *tree, int32_t first) {
    int32_t i;
    for (i = first; i >= 0 && (guint32)i < c->doc->node_count; i = c->doc->nodes[i].next_sibling)
        add_element(c, tree, &c->doc->nodes[i]);
}

static gboolean has_child(const body_ctx *c, const etsim2m_xml_node *root, const char *name,
                          gboolean attribute, const etsim2m_xml_node **found) {
    int32_t i;
    guint32 k;
    if (attribute) {
        for (k = 0; k < root->attr_count; k++) {
            if (etsim2m_xml_attr_is(c->buf, &c->doc->attrs[root->attr_first + k], name))
                return TRUE;
        }
        return FALSE;
    }
    for (i = root->first_child; i >= 0 && (guint32)i < c->doc->node_count;
         i = c->doc->nodes[i].next_sibling) {
        if (etsim2m_xml_name_is(c->buf, &c->doc->nodes[i], name)) {
            if (found)
                *found = &c->doc->nodes[i];
            return TRUE;
        }
    }
    return FALSE;
}

/* What the schemas and TS 102 921 say must be there. */
static void check_root(const body_ctx *c, const etsim2m_xml_node *root, proto_item *item,
                       const char *root_name) {
    const etsim2m_schema_root *r =
        etsim2m_schema_root_of(etsim2m_schema_field_index(c->buf + root->name_off, root->name_len));
    const etsim2m_xml_node *status = NULL;
    guint i;
    if (r && c->pinfo) {
        for (i = 0; i < r->child_count; i++) {
            const etsim2m_schema_child *ch = &r->children[i];
            const char *name = etsim2m_schema_fields[ch->field].name;
            gboolean attr = (ch->flags & ETSIM2M_CHILD_ATTRIBUTE) != 0;
            if ((ch->flags & ETSIM2M_CHILD_MANDATORY) && !has_child(c, root, name, attr, NULL))
                expert_add_info_format(c->pinfo, item, &ei_etsim2m_mandatory,
                                       "<%s> lacks its mandatory %s%s%s", root_name,
                                       attr ? "attribute " : "<", name, attr ? "" : ">");
        }
    }
    if (strcmp(root_name, "errorInfo") == 0) {
        c->info->is_error_info = TRUE;
        if (has_child(c, root, "statusCode", FALSE, &status)) {
            size_t full;
            c->info->status_code = text_of(c, status, MAX_NAME, &full);
        } else if (c->pinfo) {
            expert_add_info(c->pinfo, item, &ei_etsim2m_error_info_status);
        }
    }
}

/* Tokenizes the body into packet-scope arrays; says when it is not well-formed or too big. */
static void parse_body(const guint8 *buf, guint32 n, etsim2m_xml_doc *doc, packet_info *pinfo,
                       proto_item *anchor) {
    /* An element takes at least four bytes ("<a/>"); past 16384 elements the body is decoded in
     * part (a note says so) rather than holding megabytes per packet. */
    const guint32 cap = n / 4 + 8 < MAX_NODES ? n / 4 + 8 : MAX_NODES;
    memset(doc, 0, sizeof *doc);
    doc->nodes = wmem_alloc_array(wmem_packet_scope(), etsim2m_xml_node, cap);
    doc->node_cap = cap;
    doc->attrs = wmem_alloc_array(wmem_packet_scope(), etsim2m_xml_attr, cap);
    doc->attr_cap = cap;
    etsim2m_xml_parse(buf, n, doc);
    if (!pinfo)
        return;
    if (doc->status == ETSIM2M_XML_MALFORMED)
        expert_add_info_format(pinfo, anchor, &ei_etsim2m_xml_malformed,
                               "Body is not well-formed XML at byte %u: %s", doc->error_offset,
                               doc->error ? doc->error : "?");
    else if (doc->status == ETSIM2M_XML_LIMIT)
        expert_add_info_format(pinfo, anchor, &ei_etsim2m_xml_limit, "Body decoded in part: %s",
                               doc->error ? doc->error : "?");
    if (doc->has_doctype)
        expert_add_info(pinfo, anchor, &ei_etsim2m_doctype);
}

/* The representation's item: root element, namespace, body length; the namespace checked. */
static proto_tree *add_root(const body_ctx *c, proto_tree *tree, const etsim2m_xml_node *root,
                            guint32 n, proto_item **item) {
    const gint start = c->base + (gint)root->start, len = (gint)(root->end - root->start);
    proto_tree *sub;
    *item = proto_tree_add_string(tree, hf_etsim2m_root, c->tvb, start, len, c->info->root);
    sub = proto_item_add_subtree(*item, ett_etsim2m_body);
    proto_tree_add_string(sub, hf_etsim2m_namespace, c->tvb, start, len,
                          root->ns_off == ETSIM2M_XML_NO_NS
                              ? "(none)"
                              : wmem_strndup(wmem_packet_scope(),
                                             (const char *)c->buf + root->ns_off,
                                             root->ns_len < MAX_TEXT ? root->ns_len : MAX_TEXT));
    proto_item_set_generated(
        proto_tree_add_uint(sub, hf_etsim2m_body_length, c->tvb, c->base, (gint)n, n));
    if (!c->info->in_m2m_ns && c->pinfo)
        expert_add_info_format(c->pinfo, *item, &ei_etsim2m_namespace,
                               "<%s> is not in the m2m namespace " M2M_NS, c->info->root);
    return sub;
}

void etsim2m_dissect_body(tvbuff_t *tvb, gint off, gint len, packet_info *pinfo, proto_tree *tree,
                          proto_item *anchor, etsim2m_body_info *info, gboolean details) {
    guint32 n = 0;
    const guint8 *buf = body_bytes(tvb, off, len, &n);
    etsim2m_xml_doc doc;
    body_ctx c;
    const etsim2m_xml_node *root;
    proto_item *item;
    proto_tree *sub;
    /* An mId message's body is decoded whatever its namespace, so that a wrong one is reported;
     * anything that is not XML is HTTP's and the media dissectors' to show. */
    if (!buf || !looks_like_xml(buf, n))
        return;
    info->is_xml = TRUE;
    if (!details) {
        /* Nobody looks at the fields: the root, and an errorInfo's statusCode for the status,
         * are all that is needed (Info column, statistics). */
        info->root = etsim2m_body_root(tvb, off, len, &info->in_m2m_ns);
        if (!info->root || strcmp(info->root, "errorInfo") != 0)
            return;
    }
    parse_body(buf, n, &doc, pinfo, anchor);
    if (doc.node_count == 0 || doc.nodes[0].name_len == 0)
        return;
    root = &doc.nodes[0];
    c.buf = buf;
    c.tvb = tvb;
    c.base = off;
    c.doc = &doc;
    c.pinfo = pinfo;
    c.info = info;
    info->root = node_name(buf, root->name_off, root->name_len);
    info->in_m2m_ns = ns_is_m2m(buf, root);
    sub = add_root(&c, tree, root, n, &item);
    add_attributes(&c, sub, root);
    add_children(&c, sub, root->first_child);
    check_root(&c, root, item, info->root);
}

void etsim2m_dissect_param_avp(tvbuff_t *tvb, gint off, gint len, packet_info *pinfo,
                               proto_tree *tree) {
    etsim2m_body_info info;
    proto_item *item = proto_tree_add_item(tree, proto_etsim2m, tvb, off, len, ENC_NA);
    proto_tree *sub = proto_item_add_subtree(item, ett_etsim2m);
    proto_item *params = proto_tree_add_item(sub, hf_etsim2m_params, tvb, off, len, ENC_NA);
    memset(&info, 0, sizeof info);
    etsim2m_dissect_body(tvb, off, len, pinfo, proto_item_add_subtree(params, ett_etsim2m_body),
                         params, &info, TRUE);
    if (info.root) {
        proto_item_append_text(item, ", %s in PANA", info.root);
        col_append_fstr(pinfo->cinfo, COL_INFO, " [%s]", info.root);
    }
}
