// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the bootstrapParamSet reader (XML from the final PAR's vendor AVP).
#include "core/nodes/msbf/bootstrap_params.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    auto params = m2mbench::nodes::parseBootstrapParamSet(bytes);
    if (params) {
        (void)m2mbench::nodes::bootstrapParamSetXml(*params);
    }
    return 0;
}
