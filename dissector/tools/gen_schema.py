#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Generates etsim2m-schema.c, the element and attribute table of the etsim2m dissector, from a
folder of ETSI TS 102 921 schemas (the user's copy; the schemas themselves never enter the
repository, only the names, value kinds and content models derived here).

    dissector/tools/gen_schema.py /path/to/etsi-m2m-xsd > dissector/etsim2m-schema.c
    clang-format -i dissector/etsim2m-schema.c
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

XS = '{http://www.w3.org/2001/XMLSchema}'
SKIP_FILES = {'xmlmime.xsd'}
NOT_ROOTS = {'common', 'commonDM', 'commonSecurity', 'parameters'}

# Value kinds, in order of generality for merging two uses of one name.
KINDS = ['NONE', 'BOOL', 'UINT', 'INT', 'TIME', 'BINARY', 'STRING', 'COMPLEX']
BUILTIN = {
    'boolean': 'BOOL',
    'unsignedInt': 'UINT', 'unsignedLong': 'UINT', 'unsignedShort': 'UINT',
    'unsignedByte': 'UINT', 'nonNegativeInteger': 'UINT', 'positiveInteger': 'UINT',
    'long': 'INT', 'int': 'INT', 'integer': 'INT', 'short': 'INT', 'byte': 'INT',
    'dateTime': 'TIME',
    'hexBinary': 'BINARY', 'base64Binary': 'BINARY',
}


def local(qname):
    return qname.split(':', 1)[1] if qname and ':' in qname else qname


class Schemas:
    def __init__(self, folder):
        self.elements = {}      # global element name -> node
        self.complex = {}       # complexType name -> node
        self.simple = {}        # simpleType name -> node
        self.attributes = {}    # global attribute name -> node
        self.files = []
        for path in sorted(glob.glob(os.path.join(folder, '*.xsd'))):
            name = os.path.basename(path)
            root = ET.parse(path).getroot()
            self.files.append((name[:-4], root))
            for e in root.findall(XS + 'element'):
                self.elements.setdefault(e.get('name'), e)
            for t in root.findall(XS + 'complexType'):
                self.complex.setdefault(t.get('name'), t)
            for t in root.findall(XS + 'simpleType'):
                self.simple.setdefault(t.get('name'), t)
            for a in root.findall(XS + 'attribute'):
                self.attributes.setdefault(a.get('name'), a)

    def type_kind(self, qname, depth=0):
        if qname is None:
            return 'STRING'  # anyType: text or markup, shown as text
        name = local(qname)
        if depth > 20:
            return 'STRING'
        if name in BUILTIN and (':' not in qname or qname.startswith('xs:')):
            return BUILTIN[name]
        if name == 'base64Binary':  # xmlmime:base64Binary
            return 'BINARY'
        if name in self.simple:
            return self.simple_kind(self.simple[name], depth + 1)
        if name in self.complex:
            return self.complex_kind(self.complex[name], depth + 1)
        return BUILTIN.get(name, 'STRING')

    def simple_kind(self, node, depth):
        r = node.find(XS + 'restriction')
        if r is not None:
            return self.type_kind(r.get('base'), depth)
        return 'STRING'  # list, union

    def complex_kind(self, node, depth):
        sc = node.find(XS + 'simpleContent')
        if sc is not None:
            for d in list(sc):
                return self.type_kind(d.get('base'), depth)
        return 'COMPLEX'

    def element_kind(self, e):
        if e.get('ref'):
            target = self.elements.get(local(e.get('ref')))
            return self.element_kind(target) if target is not None else 'STRING'
        if e.get('type'):
            return self.type_kind(e.get('type'))
        inline = e.find(XS + 'complexType')
        if inline is not None:
            return self.complex_kind(inline, 0)
        inline = e.find(XS + 'simpleType')
        if inline is not None:
            return self.simple_kind(inline, 0)
        return 'STRING'

    def content(self, ctype, depth=0, optional=False):
        """(name, mandatory) of the child elements of a complex type, with its extension base."""
        out = []
        if ctype is None or depth > 20:
            return out
        cc = ctype.find(XS + 'complexContent')
        if cc is not None:
            for d in list(cc):
                base = self.complex.get(local(d.get('base')))
                out += self.content(base, depth + 1, optional)
                out += self.particles(d, depth, optional)
            return out
        return self.particles(ctype, depth, optional)

    def particles(self, node, depth, optional):
        out = []
        for child in list(node):
            tag = child.tag.replace(XS, '')
            if tag == 'element':
                name = local(child.get('ref')) if child.get('ref') else child.get('name')
                mandatory = not optional and child.get('minOccurs', '1') != '0'
                out.append((name, mandatory))
            elif tag in ('sequence', 'all'):
                opt = optional or node_min_zero(child)
                out += self.particles(child, depth + 1, opt)
            elif tag == 'choice':
                out += self.particles(child, depth + 1, True)
            elif tag == 'group':
                pass
        return out

    def attributes_of(self, ctype):
        out = []
        if ctype is None:
            return out
        for a in ctype.iter(XS + 'attribute'):
            name = local(a.get('ref')) if a.get('ref') else a.get('name')
            out.append((name, a.get('use') == 'required'))
        return out

    def element_type(self, e):
        if e.get('type'):
            return self.complex.get(local(e.get('type')))
        return e.find(XS + 'complexType')


def node_min_zero(node):
    return node.get('minOccurs', '1') == '0'


def merge(a, b):
    if a is None:
        return b
    return KINDS[max(KINDS.index(a), KINDS.index(b))]


def main(folder):
    s = Schemas(folder)
    kinds = {}
    for name, e in s.elements.items():
        kinds[name] = merge(kinds.get(name), s.element_kind(e))
    for _, root in s.files:
        for ct in root.iter(XS + 'complexType'):
            for e in ct.iter(XS + 'element'):
                if e.get('name'):
                    kinds[e.get('name')] = merge(kinds.get(e.get('name')), s.element_kind(e))
            for a in ct.iter(XS + 'attribute'):
                if a.get('name'):
                    kinds[a.get('name')] = merge(kinds.get(a.get('name')), 'STRING')
    for name in s.attributes:
        kinds[name] = merge(kinds.get(name), 'STRING')
    kinds['contentType'] = merge(kinds.get('contentType'), 'STRING')  # xmime:contentType
    names = sorted(kinds, key=lambda n: (n.lower(), n))
    index = {n: i for i, n in enumerate(names)}
    roots = []
    for stem, root in s.files:
        if stem in NOT_ROOTS or stem + '.xsd' in SKIP_FILES:
            continue
        candidates = [e for e in root.findall(XS + 'element') if e.get('name') == stem]
        if not candidates:
            # A file whose resource element is named otherwise (membersContentResponses).
            candidates = [e for e in root.findall(XS + 'element')
                          if s.element_kind(e) == 'COMPLEX' and stem in e.get('name')]
        for e in candidates:
            roots.append(root_entry(s, index, e))
    emit(names, kinds, roots)


def root_entry(s, index, e):
    """(name, [(child, mandatory)], [(attribute, required)]) of a resource element."""
    ctype = s.element_type(e)
    children = []
    seen = set()
    for name, mandatory in s.content(ctype):
        if name in index and name not in seen:
            seen.add(name)
            children.append((name, mandatory))
    attrs = [(n, r) for n, r in s.attributes_of(ctype) if n in index]
    return (e.get('name'), children, attrs)


def emit(names, kinds, roots):
    index = {n: i for i, n in enumerate(names)}
    w = sys.stdout.write
    w('/* SPDX-License-Identifier: GPL-2.0-or-later */\n')
    w('/* Generated by dissector/tools/gen_schema.py from the ETSI TS 102 921 schemas: element and\n')
    w(' * attribute names, value kinds and content models only. Do not edit; regenerate. */\n\n')
    w('#include "etsim2m-schema.h"\n\n')
    w('const etsim2m_schema_field etsim2m_schema_fields[] = {\n')
    for n in names:
        w('    {"%s", ETSIM2M_KIND_%s},\n' % (n, kinds[n]))
    w('};\n\nconst unsigned etsim2m_schema_field_count = %d;\n\n' % len(names))
    for stem, children, attrs in roots:
        w('static const etsim2m_schema_child children_%s[] = {\n' % stem)
        items = ['{%d, %d}' % (index[n], 1 if m else 0) for n, m in children]
        items += ['{%d, %d}' % (index[n], 3 if r else 2) for n, r in attrs]
        if not items:
            items = ['{0, 0}']
        for i in range(0, len(items), 8):
            w('    ' + ', '.join(items[i:i + 8]) + ',\n')
        w('};\n')
    w('\nconst etsim2m_schema_root etsim2m_schema_roots[] = {\n')
    for stem, children, attrs in roots:
        count = len(children) + len(attrs)
        w('    {"%s", %d, children_%s, %d},\n' % (stem, index[stem], stem, count))
    w('};\n\nconst unsigned etsim2m_schema_root_count = %d;\n' % len(roots))


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit('usage: gen_schema.py XSD_FOLDER > etsim2m-schema.c')
    main(sys.argv[1])
