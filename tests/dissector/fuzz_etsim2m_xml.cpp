// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the etsim2m plugin's XML tokenizer and text decoding.
extern "C" {
#include "etsim2m-xml.h"
}

#include <cstddef>
#include <cstdint>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    std::vector<etsim2m_xml_node> nodes(size / 4 + 8);
    std::vector<etsim2m_xml_attr> attrs(size / 4 + 8);
    etsim2m_xml_doc doc{};
    doc.nodes = nodes.data();
    doc.node_cap = static_cast<uint32_t>(nodes.size());
    doc.attrs = attrs.data();
    doc.attr_cap = static_cast<uint32_t>(attrs.size());
    etsim2m_xml_parse(data, static_cast<uint32_t>(size), &doc);
    char text[128];
    for (uint32_t i = 0; i < doc.node_count; ++i) {
        etsim2m_xml_text(data, nodes[i].content_start, nodes[i].content_end, text, sizeof text);
    }
    for (uint32_t i = 0; i < doc.attr_count; ++i) {
        etsim2m_xml_text(data, attrs[i].value_off, attrs[i].value_off + attrs[i].value_len, text,
                         sizeof text);
    }
    return 0;
}
