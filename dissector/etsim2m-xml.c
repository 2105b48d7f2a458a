/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Bounded XML tokenizer of the etsim2m dissector; see etsim2m-xml.h. */
#include "etsim2m-xml.h"

#include <string.h>

#define MAX_NS_DECLS 64

typedef struct {
    uint32_t prefix_off, prefix_len, uri_off, uri_len;
} ns_decl;

typedef struct {
    const uint8_t *buf;
    uint32_t len;
    uint32_t pos;
    etsim2m_xml_doc *doc;
    int32_t stack[ETSIM2M_XML_MAX_DEPTH];
    int32_t last_child[ETSIM2M_XML_MAX_DEPTH + 1];
    uint32_t ns_mark[ETSIM2M_XML_MAX_DEPTH];
    uint32_t depth;
    ns_decl ns[MAX_NS_DECLS];
    uint32_t ns_count;
    int root_seen;
} parser;

static int fail(parser *p, const char *why) {
    p->doc->status = ETSIM2M_XML_MALFORMED;
    p->doc->error = why;
    p->doc->error_offset = p->pos;
    return 0;
}

static int limit(parser *p, const char *why) {
    p->doc->status = ETSIM2M_XML_LIMIT;
    p->doc->error = why;
    p->doc->error_offset = p->pos;
    return 0;
}

/* Character classes, by table: the tokenizer runs on every mId body of a capture. */
enum { C_WS = 1, C_NAME_START = 2, C_NAME = 4 };

static const uint8_t *char_classes(void) {
    static uint8_t table[256];
    static int ready;
    if (!ready) {
        int c;
        for (c = 0; c < 256; c++) {
            uint8_t k = 0;
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
                k |= C_WS;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80)
                k |= C_NAME_START | C_NAME;
            if ((c >= '0' && c <= '9') || c == '-' || c == '.' || c == ':')
                k |= C_NAME;
            table[c] = k;
        }
        ready = 1; /* idempotent: a race only fills the same values twice */
    }
    return table;
}

static int is_ws(uint8_t c) {
    return (char_classes()[c] & C_WS) != 0;
}

static int is_name_start(uint8_t c) {
    return (char_classes()[c] & C_NAME_START) != 0;
}

static int is_name_char(uint8_t c) {
    return (char_classes()[c] & C_NAME) != 0;
}

static void skip_ws(parser *p) {
    while (p->pos < p->len && is_ws(p->buf[p->pos]))
        p->pos++;
}

static int starts_n(const parser *p, const char *s, size_t n) {
    return p->len - p->pos >= n && memcmp(p->buf + p->pos, s, n) == 0;
}

#define starts(p, literal) starts_n((p), (literal), sizeof(literal) - 1)

/* Moves past the first occurrence of s at or after pos; 0 when there is none. */
static int skip_past(parser *p, const char *s) {
    size_t n = strlen(s);
    while (p->len - p->pos >= n) {
        if (memcmp(p->buf + p->pos, s, n) == 0) {
            p->pos += (uint32_t)n;
            return 1;
        }
        p->pos++;
    }
    return 0;
}

/* A qualified name at pos: where it starts, its full length and its prefix length. */
static int parse_qname(parser *p, uint32_t *off, uint32_t *len, uint32_t *prefix_len) {
    uint32_t start = p->pos;
    *prefix_len = 0;
    if (p->pos >= p->len || !is_name_start(p->buf[p->pos]))
        return fail(p, "a name was expected");
    while (p->pos < p->len && is_name_char(p->buf[p->pos])) {
        if (p->buf[p->pos] == ':') {
            if (*prefix_len != 0 || p->pos == start)
                return fail(p, "a name has more than one colon");
            *prefix_len = p->pos - start;
        }
        p->pos++;
    }
    *off = start;
    *len = p->pos - start;
    if (*prefix_len != 0 && *prefix_len + 1 >= *len)
        return fail(p, "a prefixed name has no local part");
    return 1;
}

static int same_bytes(const uint8_t *buf, uint32_t a, uint32_t alen, uint32_t b, uint32_t blen) {
    return alen == blen && memcmp(buf + a, buf + b, alen) == 0;
}

static int add_ns(parser *p, const etsim2m_xml_attr *a) {
    ns_decl *d;
    if (p->ns_count >= MAX_NS_DECLS)
        return limit(p, "too many namespace declarations");
    d = &p->ns[p->ns_count++];
    /* "xmlns" declares the default namespace, "xmlns:p" the prefix p */
    d->prefix_off = a->prefix_len ? a->name_off : 0;
    d->prefix_len = a->prefix_len ? a->name_len : 0;
    d->uri_off = a->value_off;
    d->uri_len = a->value_len;
    return 1;
}

static int resolve_ns(parser *p, etsim2m_xml_node *n) {
    uint32_t i;
    uint32_t prefix_off = n->name_off - (n->prefix_len ? n->prefix_len + 1 : 0);
    for (i = p->ns_count; i > 0; i--) {
        const ns_decl *d = &p->ns[i - 1];
        if (same_bytes(p->buf, d->prefix_off, d->prefix_len, prefix_off, n->prefix_len)) {
            /* xmlns="" undeclares the default namespace */
            if (d->uri_len != 0) {
                n->ns_off = d->uri_off;
                n->ns_len = d->uri_len;
            }
            return 1;
        }
    }
    if (n->prefix_len != 0 && !(n->prefix_len == 3 && memcmp(p->buf + prefix_off, "xml", 3) == 0))
        return fail(p, "an element uses an undeclared namespace prefix");
    return 1;
}

static int parse_attribute(parser *p, etsim2m_xml_node *n) {
    etsim2m_xml_attr a;
    uint32_t qoff, qlen;
    uint8_t quote;
    memset(&a, 0, sizeof a);
    a.start = p->pos;
    if (!parse_qname(p, &qoff, &qlen, &a.prefix_len))
        return 0;
    a.name_off = qoff + (a.prefix_len ? a.prefix_len + 1 : 0);
    a.name_len = qlen - (a.prefix_len ? a.prefix_len + 1 : 0);
    skip_ws(p);
    if (p->pos >= p->len || p->buf[p->pos] != '=')
        return fail(p, "an attribute has no '='");
    p->pos++;
    skip_ws(p);
    if (p->pos >= p->len || (p->buf[p->pos] != '"' && p->buf[p->pos] != '\''))
        return fail(p, "an attribute value is not quoted");
    quote = p->buf[p->pos++];
    a.value_off = p->pos;
    while (p->pos < p->len && p->buf[p->pos] != quote) {
        if (p->buf[p->pos] == '<')
            return fail(p, "'<' inside an attribute value");
        p->pos++;
    }
    if (p->pos >= p->len)
        return fail(p, "an attribute value is not closed");
    a.value_len = p->pos - a.value_off;
    p->pos++;
    a.end = p->pos;
    /* namespace declarations: xmlns="..." or xmlns:p="..." */
    if ((a.prefix_len == 0 && qlen == 5 && memcmp(p->buf + qoff, "xmlns", 5) == 0) ||
        (a.prefix_len == 5 && memcmp(p->buf + qoff, "xmlns", 5) == 0)) {
        if (a.prefix_len == 0)
            a.name_off = qoff, a.name_len = 0; /* default: empty prefix */
        if (!add_ns(p, &a))
            return 0;
    }
    if (p->doc->attr_count >= p->doc->attr_cap)
        return limit(p, "too many attributes");
    p->doc->attrs[p->doc->attr_count++] = a;
    n->attr_count++;
    return 1;
}

static int link_node(parser *p, int32_t idx) {
    etsim2m_xml_node *n = &p->doc->nodes[idx];
    if (p->depth == 0) {
        if (p->root_seen)
            return fail(p, "more than one root element");
        p->root_seen = 1;
        n->parent = -1;
    } else {
        int32_t prev = p->last_child[p->depth];
        n->parent = p->stack[p->depth - 1];
        if (prev >= 0)
            p->doc->nodes[prev].next_sibling = idx;
        else
            p->doc->nodes[n->parent].first_child = idx;
    }
    p->last_child[p->depth] = idx;
    return 1;
}

static int parse_start_tag(parser *p) {
    etsim2m_xml_doc *d = p->doc;
    etsim2m_xml_node *n;
    uint32_t qoff, qlen, ns_before = p->ns_count;
    int32_t idx;
    if (d->node_count >= d->node_cap)
        return limit(p, "too many elements");
    if (p->depth >= ETSIM2M_XML_MAX_DEPTH)
        return limit(p, "elements nested too deeply");
    idx = (int32_t)d->node_count++;
    n = &d->nodes[idx];
    memset(n, 0, sizeof *n);
    n->start = p->pos++;
    n->ns_off = ETSIM2M_XML_NO_NS;
    n->first_child = n->next_sibling = -1;
    n->depth = (uint16_t)p->depth;
    n->attr_first = d->attr_count;
    if (!parse_qname(p, &qoff, &qlen, &n->prefix_len))
        return 0;
    n->name_off = qoff + (n->prefix_len ? n->prefix_len + 1 : 0);
    n->name_len = qlen - (n->prefix_len ? n->prefix_len + 1 : 0);
    for (;;) {
        uint32_t before = p->pos;
        skip_ws(p);
        if (p->pos >= p->len)
            return fail(p, "a start tag is not closed");
        if (p->buf[p->pos] == '>' || starts(p, "/>"))
            break;
        if (p->pos == before)
            return fail(p, "attributes must be separated by white space");
        if (!parse_attribute(p, n))
            return 0;
    }
    if (!resolve_ns(p, n) || !link_node(p, idx))
        return 0;
    if (p->buf[p->pos] == '/') {
        p->pos += 2;
        n->end = n->content_start = n->content_end = p->pos;
        p->ns_count = ns_before;
        return 1;
    }
    p->pos++;
    n->content_start = p->pos;
    p->ns_mark[p->depth] = ns_before;
    p->stack[p->depth++] = idx;
    p->last_child[p->depth] = -1;
    return 1;
}

static int parse_end_tag(parser *p) {
    uint32_t tag = p->pos, qoff, qlen, prefix_len;
    etsim2m_xml_node *n;
    p->pos += 2;
    if (!parse_qname(p, &qoff, &qlen, &prefix_len))
        return 0;
    skip_ws(p);
    if (p->pos >= p->len || p->buf[p->pos] != '>')
        return fail(p, "an end tag is not closed");
    if (p->depth == 0)
        return fail(p, "an end tag closes no element");
    n = &p->doc->nodes[p->stack[p->depth - 1]];
    if (!same_bytes(p->buf, qoff, qlen, n->start + 1,
                    n->name_len + (n->prefix_len ? n->prefix_len + 1 : 0)))
        return fail(p, "an end tag does not match its start tag");
    p->pos++;
    n->content_end = tag;
    n->end = p->pos;
    p->depth--;
    p->ns_count = p->ns_mark[p->depth];
    return 1;
}

static int parse_text(parser *p) {
    int blank = 1;
    const uint8_t *lt = memchr(p->buf + p->pos, '<', p->len - p->pos);
    uint32_t end = lt ? (uint32_t)(lt - p->buf) : p->len;
    for (; p->pos < end && blank; p->pos++) {
        if (!is_ws(p->buf[p->pos]))
            blank = 0;
    }
    p->pos = end;
    if (blank)
        return 1;
    if (p->depth == 0)
        return fail(p, "text outside the root element");
    p->doc->nodes[p->stack[p->depth - 1]].has_text = 1;
    return 1;
}

static int parse_markup(parser *p) {
    uint8_t next = p->pos + 1 < p->len ? p->buf[p->pos + 1] : 0;
    if (next != '?' && next != '!' && next != '/')
        return parse_start_tag(p); /* the common case first */
    if (starts(p, "<?")) {
        return skip_past(p, "?>") ? 1 : fail(p, "a processing instruction is not closed");
    }
    if (starts(p, "<!--")) {
        p->pos += 4;
        return skip_past(p, "-->") ? 1 : fail(p, "a comment is not closed");
    }
    if (starts(p, "<![CDATA[")) {
        if (p->depth == 0)
            return fail(p, "CDATA outside the root element");
        p->doc->nodes[p->stack[p->depth - 1]].has_text = 1;
        return skip_past(p, "]]>") ? 1 : fail(p, "a CDATA section is not closed");
    }
    if (starts(p, "<!")) {
        /* DOCTYPE: skipped, never expanded; an internal subset ends with "]>" */
        p->doc->has_doctype = 1;
        while (p->pos < p->len && p->buf[p->pos] != '>' && p->buf[p->pos] != '[')
            p->pos++;
        if (p->pos < p->len && p->buf[p->pos] == '[' && !skip_past(p, "]"))
            return fail(p, "a DOCTYPE is not closed");
        return skip_past(p, ">") ? 1 : fail(p, "a DOCTYPE is not closed");
    }
    if (starts(p, "</"))
        return parse_end_tag(p);
    return parse_start_tag(p);
}

/* After an error or a limit, elements still open end where the data ends, so that every node
 * has a sane range. */
static etsim2m_xml_status close_open(parser *p) {
    uint32_t i;
    for (i = 0; i < p->doc->node_count; i++) {
        etsim2m_xml_node *n = &p->doc->nodes[i];
        if (n->end == 0) {
            if (n->content_start < n->start)
                n->content_start = n->start;
            n->content_end = n->end = p->len;
        }
    }
    p->depth = 0;
    return p->doc->status;
}

etsim2m_xml_status etsim2m_xml_parse(const uint8_t *buf, uint32_t len, etsim2m_xml_doc *doc) {
    parser p;
    memset(&p, 0, sizeof p);
    p.buf = buf;
    p.len = buf ? len : 0;
    p.doc = doc;
    p.last_child[0] = -1;
    doc->node_count = doc->attr_count = 0;
    doc->status = ETSIM2M_XML_OK;
    doc->error = NULL;
    doc->error_offset = 0;
    doc->has_doctype = 0;
    if (p.len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
        p.pos = 3; /* UTF-8 byte order mark */
    while (p.pos < p.len) {
        int ok = p.buf[p.pos] == '<' ? parse_markup(&p) : parse_text(&p);
        if (!ok)
            return close_open(&p);
    }
    if (p.depth > 0) {
        fail(&p, "the document ends inside an element");
        return close_open(&p);
    }
    if (!p.root_seen)
        fail(&p, "there is no root element");
    return doc->status;
}

typedef struct {
    char *out;
    size_t cap, written, total;
    size_t keep_written, keep_total; /* up to the last non-blank byte */
} text_sink;

static void emit(text_sink *s, uint8_t c) {
    if (s->total == 0 && is_ws(c))
        return; /* leading blanks */
    if (s->written + 1 < s->cap)
        s->out[s->written++] = (char)c;
    s->total++;
    if (!is_ws(c)) {
        s->keep_written = s->written;
        s->keep_total = s->total;
    }
}

static void emit_utf8(text_sink *s, uint32_t cp) {
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        emit(s, '?');
    } else if (cp < 0x80) {
        emit(s, (uint8_t)cp);
    } else if (cp < 0x800) {
        emit(s, (uint8_t)(0xC0 | (cp >> 6)));
        emit(s, (uint8_t)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        emit(s, (uint8_t)(0xE0 | (cp >> 12)));
        emit(s, (uint8_t)(0x80 | ((cp >> 6) & 0x3F)));
        emit(s, (uint8_t)(0x80 | (cp & 0x3F)));
    } else {
        emit(s, (uint8_t)(0xF0 | (cp >> 18)));
        emit(s, (uint8_t)(0x80 | ((cp >> 12) & 0x3F)));
        emit(s, (uint8_t)(0x80 | ((cp >> 6) & 0x3F)));
        emit(s, (uint8_t)(0x80 | (cp & 0x3F)));
    }
}

/* Decodes the reference at buf[i] ('&'); returns the bytes consumed, 0 when it is not one. */
static uint32_t entity(const uint8_t *buf, uint32_t i, uint32_t end, text_sink *s) {
    static const struct {
        const char *name;
        uint8_t c;
    } named[] = {{"lt;", '<'}, {"gt;", '>'}, {"amp;", '&'}, {"quot;", '"'}, {"apos;", '\''}};
    uint32_t k, cp = 0, j = i + 1;
    for (k = 0; k < sizeof named / sizeof named[0]; k++) {
        size_t n = strlen(named[k].name);
        if (end - j >= n && memcmp(buf + j, named[k].name, n) == 0) {
            emit(s, named[k].c);
            return (uint32_t)(n + 1);
        }
    }
    if (j >= end || buf[j] != '#')
        return 0;
    j++;
    if (j < end && buf[j] == 'x') {
        for (j++; j < end && j - i < 12 && buf[j] != ';'; j++) {
            uint8_t c = buf[j];
            int v = (c >= '0' && c <= '9')   ? c - '0'
                    : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                    : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                             : -1;
            if (v < 0)
                return 0;
            cp = cp * 16 + (uint32_t)v;
        }
    } else {
        for (; j < end && j - i < 12 && buf[j] != ';'; j++) {
            if (buf[j] < '0' || buf[j] > '9')
                return 0;
            cp = cp * 10 + (uint32_t)(buf[j] - '0');
        }
    }
    if (j >= end || buf[j] != ';')
        return 0;
    emit_utf8(s, cp);
    return j + 1 - i;
}

size_t etsim2m_xml_text(const uint8_t *buf, uint32_t start, uint32_t end, char *out, size_t cap) {
    text_sink s;
    uint32_t i = start;
    memset(&s, 0, sizeof s);
    s.out = out;
    s.cap = cap;
    while (buf && i < end) {
        if (buf[i] == '<') {
            if (end - i >= 9 && memcmp(buf + i, "<![CDATA[", 9) == 0) {
                for (i += 9; i < end && !(end - i >= 3 && memcmp(buf + i, "]]>", 3) == 0); i++)
                    emit(&s, buf[i]);
                i += 3;
            } else {
                while (i < end && buf[i] != '>') /* a comment or child markup: not text */
                    i++;
                i++;
            }
        } else if (buf[i] == '&') {
            uint32_t used = entity(buf, i, end, &s);
            if (used == 0) {
                emit(&s, '&');
                used = 1;
            }
            i += used;
        } else {
            emit(&s, buf[i++]);
        }
    }
    if (cap > 0)
        out[s.keep_written < cap ? s.keep_written : cap - 1] = '\0';
    return s.keep_total;
}

int etsim2m_xml_name_is(const uint8_t *buf, const etsim2m_xml_node *node, const char *name) {
    size_t n = strlen(name);
    return node->name_len == n && memcmp(buf + node->name_off, name, n) == 0;
}

int etsim2m_xml_attr_is(const uint8_t *buf, const etsim2m_xml_attr *attr, const char *name) {
    size_t n = strlen(name);
    return attr->name_len == n && memcmp(buf + attr->name_off, name, n) == 0;
}
