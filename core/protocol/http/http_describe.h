// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/protocol/http/http_message.h"
#include "core/trace/event.h"

namespace m2mbench::http {

/// What a trace shows of an HTTP message: a one-line summary and a decoded tree whose fields
/// point into the raw bytes (start line, each header, the body and, when it is XML, its elements).
struct Description {
    QString summary;
    QList<trace::Field> fields;
};

Description describeRequest(const Request &request, const QByteArray &raw);
Description describeResponse(const Response &response, const QByteArray &raw);

} // namespace m2mbench::http
