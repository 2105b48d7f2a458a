// SPDX-License-Identifier: Apache-2.0
#pragma once

// Trace events for what the secured bindings put on the wire: TLS records of a handshake,
// decrypted HTTP, CoAP datagrams. Raw bytes and a cheap summary; protocol::decodedFields()
// decodes them when someone looks.

#include "core/protocol/coap/coap_message.h"
#include "core/trace/event.h"

namespace m2mbench::nodes {

/// A message from `from` to `to`; `sent` says whether the recording node sent it.
/// `channel`: the TLS or DTLS channel it travelled inside (trace::Event::channel), empty if none.
trace::Event wireEvent(bool sent, const QString &from, const QString &to, const QString &protocol,
                       const QByteArray &raw, const QString &summary, const QString &channel = {});
/// TLS records (a handshake flight, an alert) as they crossed the wire.
trace::Event tlsEvent(bool sent, const QString &from, const QString &to, const QByteArray &records);
/// One CoAP datagram (as libcoap sent or delivered it).
trace::Event coapEvent(bool sent, const QString &from, const QString &to,
                       const coap::Message &message, const QString &binding);

} // namespace m2mbench::nodes
