// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: EAP-TLS framing and reassembly. The input is split into frames at 0xff
// octets, as if it arrived over several EAP packets; reassembly must stay within its bound.
#include "core/protocol/eap/eap_tls_frag.h"

#include <QList>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    m2mbench::eap::TlsReassembler reassembler(4096);
    for (const QByteArray &typeData : bytes.split('\xff')) {
        auto frame = m2mbench::eap::parseTlsFrame(typeData);
        (void)m2mbench::eap::summarizeTlsData(typeData);
        if (!frame) {
            continue;
        }
        auto state = reassembler.add(*frame);
        if (state && *state == m2mbench::eap::TlsReassembler::State::Complete &&
            reassembler.take().size() > 4096) {
            __builtin_trap(); // the bound broke
        }
    }
    return 0;
}
