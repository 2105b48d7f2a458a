// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/decode.h"

#include "core/protocol/http/http_describe.h"

namespace m2mbench::protocol {

QList<trace::Field> decodedFields(const trace::Event &event) {
    if (!event.fields.isEmpty() || event.raw.isEmpty()) {
        return event.fields;
    }
    if (event.protocol == u"HTTP") {
        return http::decodeHttp(event.raw);
    }
    return {};
}

} // namespace m2mbench::protocol
