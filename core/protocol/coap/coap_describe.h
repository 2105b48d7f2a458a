// SPDX-License-Identifier: Apache-2.0
#pragma once

// What a person sees of a CoAP message: the one-line summary of the trace and the sequence chart,
// the decoded tree of the inspector (fields pointing into the raw bytes), and an editable text
// form for a debugger stop before a request leaves.

#include "core/protocol/coap/coap_message.h"
#include "core/trace/event.h"

namespace m2mbench::coap {

/// "CON GET /m2m?RequestingEntity=gscl-01" or "ACK 2.05 Content <sclBase> (312 octets)", with
/// the block option when there is one.
QString summarize(const Message &message);

/// The decoded tree of one datagram; undecodable bytes give one field saying why.
QList<trace::Field> decodeCoap(const QByteArray &raw);

/// A request as text a person can edit:
///     CON POST /m2m/scls?RequestingEntity=gscl-01
///     Content-Format: 41
///
///     <payload>
QByteArray requestToText(const Message &request);
/// Parses the text form back; message id and token are left to the sender. Errors name the line.
Result<Message> requestFromText(const QByteArray &text);

} // namespace m2mbench::coap
