/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A small, bounded XML tokenizer for mId bodies. It never trusts its input: every offset is
 * checked, nesting and counts are capped by the caller's arrays, DTDs are skipped and never
 * expanded. It builds a flat node array (elements with their attributes, resolved namespaces
 * and content ranges) that the dissector turns into tree items. No Wireshark dependency, so
 * that it can be tested and fuzzed on its own. */
#ifndef ETSIM2M_XML_H
#define ETSIM2M_XML_H

#include <stddef.h>
#include <stdint.h>

#define ETSIM2M_XML_MAX_DEPTH 48
#define ETSIM2M_XML_NO_NS UINT32_MAX

typedef struct {
    uint32_t start, end;                 /* the whole element, "<a ...>" to "</a>" */
    uint32_t content_start, content_end; /* between the tags (equal for <a/>) */
    uint32_t name_off, name_len;         /* local name */
    uint32_t prefix_len;                 /* "m2m" in m2m:scl; 0 when unprefixed */
    uint32_t ns_off, ns_len;             /* resolved namespace URI; ns_off NO_NS when none */
    uint32_t attr_first, attr_count;
    int32_t parent, first_child, next_sibling;
    uint16_t depth;
    uint8_t has_text; /* non-blank character data or CDATA directly inside */
} etsim2m_xml_node;

typedef struct {
    uint32_t start, end;         /* name="value" */
    uint32_t name_off, name_len; /* local name */
    uint32_t prefix_len;
    uint32_t value_off, value_len; /* between the quotes, not unescaped */
} etsim2m_xml_attr;

typedef enum {
    ETSIM2M_XML_OK = 0,
    ETSIM2M_XML_MALFORMED, /* not well-formed at error_offset: see error */
    ETSIM2M_XML_LIMIT      /* more elements, attributes or depth than allowed: partial result */
} etsim2m_xml_status;

typedef struct {
    /* in: arrays and their capacity, owned by the caller */
    etsim2m_xml_node *nodes;
    uint32_t node_cap;
    etsim2m_xml_attr *attrs;
    uint32_t attr_cap;
    /* out */
    uint32_t node_count;
    uint32_t attr_count;
    etsim2m_xml_status status;
    uint32_t error_offset;
    const char *error; /* static text */
    uint8_t has_doctype;
} etsim2m_xml_doc;

/* Tokenizes buf[0..len). Nodes come in document order (node 0 is the root when there is one).
 * Returns doc->status. */
etsim2m_xml_status etsim2m_xml_parse(const uint8_t *buf, uint32_t len, etsim2m_xml_doc *doc);

/* The text of [start, end) with entities and character references decoded, CDATA markers
 * removed, surrounding whitespace trimmed; writes at most cap-1 bytes and a NUL. Returns the
 * number of bytes the full text has (may exceed cap-1: the output was cut). */
size_t etsim2m_xml_text(const uint8_t *buf, uint32_t start, uint32_t end, char *out, size_t cap);

/* Whether the node's local name (or the attribute's) equals name. */
int etsim2m_xml_name_is(const uint8_t *buf, const etsim2m_xml_node *node, const char *name);
int etsim2m_xml_attr_is(const uint8_t *buf, const etsim2m_xml_attr *attr, const char *name);

#endif /* ETSIM2M_XML_H */
