// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/wire_events.h"

#include "core/protocol/coap/coap_describe.h"
#include "core/protocol/eap/tls_records.h"

namespace m2mbench::nodes {

trace::Event wireEvent(bool sent, const QString &from, const QString &to, const QString &protocol,
                       const QByteArray &raw, const QString &summary, const QString &channel) {
    trace::Event e;
    e.kind = sent ? trace::EventKind::MessageSent : trace::EventKind::MessageReceived;
    e.from = from;
    e.to = to;
    e.protocol = protocol;
    e.raw = raw;
    e.summary = summary;
    e.channel = channel;
    return e;
}

trace::Event tlsEvent(bool sent, const QString &from, const QString &to,
                      const QByteArray &records) {
    // Handshake flights are small; a peer that floods garbage is cut for the record.
    const QByteArray kept = records.left(16 * 1024);
    return wireEvent(sent, from, to, QStringLiteral("TLS"), kept,
                     QStringLiteral("TLS ") + eap::summarizeTlsRecords(kept));
}

trace::Event coapEvent(bool sent, const QString &from, const QString &to,
                       const coap::Message &message, const QString &binding) {
    const QString prefix = binding == u"coaps" ? QStringLiteral("[DTLS] ") : QString();
    return wireEvent(sent, from, to, QStringLiteral("CoAP"), message.encode(),
                     prefix + coap::summarize(message),
                     binding == u"coaps" ? QStringLiteral("DTLS-PSK") : QString());
}

} // namespace m2mbench::nodes
