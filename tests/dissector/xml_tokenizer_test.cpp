// SPDX-License-Identifier: Apache-2.0
// The etsim2m plugin's XML tokenizer on its own: what it extracts, what it refuses, and that no
// input makes it read or write out of bounds (a mutation fuzz; run it under ASan).
extern "C" {
#include "etsim2m-xml.h"
}

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace {

struct Parsed {
    std::vector<etsim2m_xml_node> nodes;
    std::vector<etsim2m_xml_attr> attrs;
    etsim2m_xml_doc doc{};
    std::string text;

    explicit Parsed(std::string xml, uint32_t nodeCap = 64, uint32_t attrCap = 64)
        : nodes(nodeCap)
        , attrs(attrCap)
        , text(std::move(xml)) {
        doc.nodes = nodes.data();
        doc.node_cap = nodeCap;
        doc.attrs = attrs.data();
        doc.attr_cap = attrCap;
        etsim2m_xml_parse(reinterpret_cast<const uint8_t *>(text.data()),
                          static_cast<uint32_t>(text.size()), &doc);
    }

    [[nodiscard]] std::string slice(uint32_t off, uint32_t len) const {
        return text.substr(off, len);
    }
    [[nodiscard]] std::string name(int i) const {
        return slice(nodes[i].name_off, nodes[i].name_len);
    }
    [[nodiscard]] std::string ns(int i) const {
        return nodes[i].ns_off == ETSIM2M_XML_NO_NS ? "" : slice(nodes[i].ns_off, nodes[i].ns_len);
    }
    [[nodiscard]] std::string value(int i) const {
        char out[256];
        etsim2m_xml_text(reinterpret_cast<const uint8_t *>(text.data()), nodes[i].content_start,
                         nodes[i].content_end, out, sizeof out);
        return out;
    }
};

const std::string kScl =
    R"(<?xml version="1.0"?><!-- a comment --><m2m:scl xmlns:m2m="http://uri.etsi.org/m2m" )"
    R"(sclId="gscl-1"><m2m:searchStrings><m2m:searchString> a &amp; b &#x263A;</m2m:searchString>)"
    R"(</m2m:searchStrings><other xmlns="urn:x"><![CDATA[<raw>]]></other><empty/></m2m:scl>)";

} // namespace

TEST(EtsiM2mXml, BuildsTheElementTreeWithNamespacesAndAttributes) {
    const Parsed p(kScl);

    ASSERT_EQ(p.doc.status, ETSIM2M_XML_OK) << p.doc.error;
    ASSERT_EQ(p.doc.node_count, 5u);
    EXPECT_EQ(p.name(0), "scl");
    EXPECT_EQ(p.ns(0), "http://uri.etsi.org/m2m");
    EXPECT_EQ(p.nodes[0].attr_count, 2u); // the xmlns declaration and sclId
    EXPECT_EQ(p.slice(p.attrs[1].name_off, p.attrs[1].name_len), "sclId");
    EXPECT_EQ(p.slice(p.attrs[1].value_off, p.attrs[1].value_len), "gscl-1");
    EXPECT_EQ(p.name(1), "searchStrings");
    EXPECT_EQ(p.nodes[1].parent, 0);
    EXPECT_EQ(p.name(2), "searchString");
    EXPECT_EQ(p.value(2), "a & b \xE2\x98\xBA");
    EXPECT_EQ(p.name(3), "other");
    EXPECT_EQ(p.ns(3), "urn:x");
    EXPECT_EQ(p.value(3), "<raw>");
    EXPECT_EQ(p.nodes[1].next_sibling, 3);
    EXPECT_EQ(p.name(4), "empty");
    EXPECT_EQ(p.ns(4), ""); // unprefixed, and no default namespace in scope
}

TEST(EtsiM2mXml, RefusesWhatIsNotWellFormed) {
    for (const std::string bad :
         {"", "just text", "<a>", "<a></b>", "<a><b></a></b>", "<a x=1/>", "<a x='1'y='2'/>",
          "<a/><b/>", "text<a/>", "<p:a/>", "<a>&amp</a", "<!-- never closed", "<a><![CDATA[x</a>",
          "<a b=\"<\"/>", "<:a/>", "<a:b:c/>"}) {
        const Parsed p(bad);
        EXPECT_EQ(p.doc.status, ETSIM2M_XML_MALFORMED) << "input: " << bad;
        EXPECT_NE(p.doc.error, nullptr);
        EXPECT_LE(p.doc.error_offset, bad.size());
    }
}

TEST(EtsiM2mXml, StopsAtItsLimitsWithAPartialTree) {
    std::string deep;
    for (int i = 0; i < 100; ++i) {
        deep += "<a>";
    }
    const Parsed tooDeep(deep, 200);
    const Parsed tooMany("<r><a/><a/><a/><a/></r>", 3);

    EXPECT_EQ(tooDeep.doc.status, ETSIM2M_XML_LIMIT);
    EXPECT_EQ(tooDeep.doc.node_count, static_cast<uint32_t>(ETSIM2M_XML_MAX_DEPTH));
    EXPECT_EQ(tooMany.doc.status, ETSIM2M_XML_LIMIT);
    EXPECT_EQ(tooMany.doc.node_count, 3u);
    for (uint32_t i = 0; i < tooMany.doc.node_count; ++i) {
        EXPECT_LE(tooMany.nodes[i].end, tooMany.text.size());
        EXPECT_LE(tooMany.nodes[i].content_start, tooMany.nodes[i].content_end);
    }
}

TEST(EtsiM2mXml, SkipsADoctypeWithoutExpandingIt) {
    const Parsed p(R"(<!DOCTYPE a [<!ENTITY x "boom">]><a>&x;</a>)");

    EXPECT_EQ(p.doc.status, ETSIM2M_XML_OK);
    EXPECT_EQ(p.doc.has_doctype, 1);
    EXPECT_EQ(p.value(0), "&x;"); // an unknown entity stays as written
}

TEST(EtsiM2mXml, CutsLongTextButReportsItsFullLength) {
    const std::string xml = "<a>" + std::string(1000, 'x') + "</a>";
    const Parsed p(xml);
    char out[16];

    const size_t full =
        etsim2m_xml_text(reinterpret_cast<const uint8_t *>(xml.data()), p.nodes[0].content_start,
                         p.nodes[0].content_end, out, sizeof out);

    EXPECT_EQ(full, 1000u);
    EXPECT_EQ(std::strlen(out), 15u);
}

TEST(EtsiM2mXml, SurvivesRandomMutationsOfARealBody) {
    std::mt19937 rng(20240611);
    for (int round = 0; round < 20000; ++round) {
        std::string s = kScl;
        const int edits = 1 + static_cast<int>(rng() % 8);
        for (int e = 0; e < edits && !s.empty(); ++e) {
            const size_t at = rng() % s.size();
            switch (rng() % 4) {
            case 0: s[at] = static_cast<char>(rng() % 256); break;
            case 1: s.erase(at, 1 + rng() % 8); break;
            case 2: s.insert(at, 1, "<>/&;:=\"'![]"[rng() % 12]); break;
            default: s.resize(at); break;
            }
        }
        const Parsed p(s, 8, 8);
        ASSERT_LE(p.doc.node_count, 8u);
        ASSERT_LE(p.doc.attr_count, 8u);
        for (uint32_t i = 0; i < p.doc.node_count; ++i) {
            const etsim2m_xml_node &n = p.nodes[i];
            ASSERT_LE(n.end, s.size());
            ASSERT_LE(n.content_end, s.size());
            ASSERT_LE(n.name_off + n.name_len, s.size());
            char out[64];
            etsim2m_xml_text(reinterpret_cast<const uint8_t *>(s.data()), n.content_start,
                             n.content_end, out, sizeof out);
        }
    }
}
