// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/protocol/http/http_message.h"
#include "core/trace/event.h"

namespace m2mbench::http {

/// One line for the trace and the sequence chart, as in Wireshark's Info column. Cheap: the body
/// is parsed only where the line needs it (a request's resource, an errorInfo's reason).
QString summarizeRequest(const Request &request);
QString summarizeResponse(const Response &response);

/// What an inspector shows of an HTTP message: a one-line summary and a decoded tree whose
/// fields point into the raw bytes (start line, each header, the body and, for XML, its elements).
struct Description {
    QString summary;
    QList<trace::Field> fields;
};

Description describeRequest(const Request &request, const QByteArray &raw);
Description describeResponse(const Response &response, const QByteArray &raw);

/// Decodes raw bytes of one HTTP message (request or response, told apart by the start line).
/// Undecodable bytes give a single field saying why.
QList<trace::Field> decodeHttp(const QByteArray &raw);

} // namespace m2mbench::http
