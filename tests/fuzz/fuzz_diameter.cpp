// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the Diameter message parser, the stream framing, grouped AVPs, the decoded
// tree and the M2M key application's reading of a message.
#include "core/protocol/diameter/diameter_describe.h"
#include "core/protocol/diameter/diameter_message.h"
#include "core/protocol/diameter/m2m_application.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    using namespace m2mbench::diameter;
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    static const m2mbench::crypto::BootstrapProfile profile;
    (void)messageLength(bytes.left(4));
    auto message = parseMessage(bytes);
    if (message) {
        (void)summarize(*message);
        (void)keyRecordFrom(profile, *message, true);
        for (const Avp &a : message->avps) {
            (void)a.grouped();
        }
    }
    (void)decodeDiameter(bytes, m2mAvpNames(profile), m2mSecretAvps(profile));
    return 0;
}
