/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The TS 102 921 element and attribute table of the etsim2m dissector (generated part in
 * etsim2m-schema.c; see dissector/tools/gen_schema.py). */
#ifndef ETSIM2M_SCHEMA_H
#define ETSIM2M_SCHEMA_H

/* How a value is shown and filtered. */
typedef enum {
    ETSIM2M_KIND_NONE,
    ETSIM2M_KIND_BOOL,   /* xs:boolean */
    ETSIM2M_KIND_UINT,   /* xs:unsignedInt, unsignedLong, ... */
    ETSIM2M_KIND_INT,    /* xs:long, int, ... */
    ETSIM2M_KIND_TIME,   /* xs:dateTime */
    ETSIM2M_KIND_BINARY, /* xs:hexBinary, xs:base64Binary (shown as text, with its size) */
    ETSIM2M_KIND_STRING, /* anything textual: anyURI, string, token, enumerations, anyType */
    ETSIM2M_KIND_COMPLEX /* an element with child elements */
} etsim2m_kind;

typedef struct {
    const char *name;
    etsim2m_kind kind;
} etsim2m_schema_field;

/* flags of a root's child: bit 0 mandatory / required, bit 1 it is an attribute */
#define ETSIM2M_CHILD_MANDATORY 0x1
#define ETSIM2M_CHILD_ATTRIBUTE 0x2

typedef struct {
    unsigned short field; /* index into etsim2m_schema_fields */
    unsigned char flags;
} etsim2m_schema_child;

/* A resource representation (or parameter set) that can be the root of a body. */
typedef struct {
    const char *name;
    unsigned field;
    const etsim2m_schema_child *children;
    unsigned child_count;
} etsim2m_schema_root;

extern const etsim2m_schema_field etsim2m_schema_fields[];
extern const unsigned etsim2m_schema_field_count;
extern const etsim2m_schema_root etsim2m_schema_roots[];
extern const unsigned etsim2m_schema_root_count;

#endif /* ETSIM2M_SCHEMA_H */
