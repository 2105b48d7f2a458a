// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the PANA message parser, its decoded tree and the AUTH check.
#include "core/protocol/pana/pana_describe.h"
#include "core/protocol/pana/pana_keys.h"
#include "core/protocol/pana/pana_message.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    static const m2mbench::SecureBytes key =
        m2mbench::SecureBytes::fromByteArray(QByteArray(20, 'k'));
    auto message = m2mbench::pana::parseMessage(bytes);
    if (message) {
        (void)m2mbench::pana::summarize(*message);
        (void)m2mbench::pana::verifyAuth(bytes, *message, m2mbench::pana::Integrity::HmacSha1_160,
                                         key);
        (void)message->encode();
    }
    (void)m2mbench::pana::decodePana(bytes);
    return 0;
}
