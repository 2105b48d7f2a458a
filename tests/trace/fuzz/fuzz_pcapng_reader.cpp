// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the pcapng reader on arbitrary bytes.
#include "core/trace/pcapng_reader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    (void)m2mbench::trace::parsePcapng(bytes);
    return 0;
}
