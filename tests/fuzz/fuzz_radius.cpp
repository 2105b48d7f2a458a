// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the RADIUS packet parser, its decoded tree, the authenticator checks and
// MS-MPPE key decryption of whatever the packet carries.
#include "core/protocol/radius/radius_describe.h"
#include "core/protocol/radius/radius_packet.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    using namespace m2mbench::radius;
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const QByteArray auth(16, '\x01');
    auto packet = parsePacket(bytes);
    if (packet) {
        (void)summarize(*packet);
        (void)verifyMessageAuthenticator(bytes, *packet, "secret", auth);
        (void)verifyResponseAuthenticator(bytes, "secret", auth);
        (void)mskFromAccept(*packet, "secret", auth);
    }
    (void)decodeRadius(bytes);
    return 0;
}
