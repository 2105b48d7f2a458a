// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: trace.jsonl as `m2mbench-cli export` reads it.
#include "core/trace/trace_file.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    (void)m2mbench::trace::parseTraceJsonl(bytes);
    return 0;
}
