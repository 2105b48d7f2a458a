// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: link-layer to transport decoding and frame linking of captured packets.
// The first byte picks the link type and splits the input into packets and a message to place.
#include "core/trace/frame_linker.h"
#include "core/trace/key_log.h"

#include <cstddef>
#include <cstdint>

using namespace m2mbench::trace;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const quint16 kLinkTypes[] = {0, 1, 101, 108, 113, 228, 229, 276};
    if (size < 2) {
        return 0;
    }
    const quint16 link = kLinkTypes[data[0] % 8];
    const QByteArray rest(reinterpret_cast<const char *>(data + 1),
                          static_cast<qsizetype>(size - 1));
    FrameLinker::Limits limits;
    limits.maxBufferedPerFlow = 4096;
    limits.maxFlows = 8;
    FrameLinker linker(limits);
    qint64 frame = 0;
    for (const QByteArray &packet : rest.split('\xff')) {
        if (const auto segment = parseFrame(link, packet)) {
            linker.addFrame(++frame, *segment);
        }
        (void)linker.link(packet.left(16), frame % 2 == 0);
    }
    (void)parseKeyLogLine(rest);
    return 0;
}
