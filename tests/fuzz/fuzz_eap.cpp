// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the EAP packet parser, its summary and its decoded tree.
#include "core/protocol/eap/eap_describe.h"
#include "core/protocol/eap/eap_packet.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    auto packet = m2mbench::eap::parsePacket(bytes);
    if (packet) {
        (void)m2mbench::eap::summarize(*packet);
        (void)packet->encode();
    }
    (void)m2mbench::eap::describeEap(bytes, 0);
    return 0;
}
