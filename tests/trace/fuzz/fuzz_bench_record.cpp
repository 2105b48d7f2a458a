// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the etsim2m record decoder, nested key values included.
#include "core/trace/bench_record.h"

#include <cstddef>
#include <cstdint>

using namespace m2mbench::trace;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const auto rec = record::decode(QByteArrayLiteral("M2MB\x01\x06\0\0") + bytes);
    if (rec) {
        for (const QByteArray &nested :
             rec->all(record::tag::kInput) + rec->all(record::tag::kOutput)) {
            (void)record::decodeTlvs(nested);
        }
        (void)rec->text(record::tag::kTestCase);
        (void)rec->number(record::tag::kVerdict);
    }
    return 0;
}
